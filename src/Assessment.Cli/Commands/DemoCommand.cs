using System.CommandLine;
using System.Diagnostics;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Resources;
using Assessment.Rules;
using Assessment.Scheduling;
using Assessment.Workflows;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment demo</c>: a fresh database with a synthetic prefecture calibrated to Changji, then its figures.</summary>
public static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var seed = new Option<int>("--seed") { Description = CliText.DemoSeed, DefaultValueFactory = _ => DemoOptions.DefaultSeed };
        var institutions = new Option<int>("--institutions") { Description = CliText.DemoInstitutions, DefaultValueFactory = _ => DemoCalibration.Institutions2020 };
        institutions.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError(CliText.DemoInstitutionsInvalid);
            }
        });
        var force = new Option<bool>("--force") { Description = CliText.DemoForce };
        var factors = new Option<string?>("--factors") { Description = CliText.OptionFactors, HelpName = "DIR" };

        var command = new Command("demo", CliText.DemoDescription) { seed, institutions, force, factors };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = new Database(context.Target(parsed));
            var factorFiles = FactorTableReader.ReadDirectory(parsed.GetValue(factors) ?? RulesDirectory.Factors()
                ?? throw new FactorTableException([string.Format(Strings.FactorDirectoryMissing, "rules/factors")]));
            var ruleSets = DatabaseSetup.ShippedRuleSets(RulesDirectory.Find());
            var options = new DemoOptions(parsed.GetValue(seed), parsed.GetValue(institutions));
            var builder = new DemoBuilder(database, context.Clock);
            var watch = Stopwatch.StartNew();

            DemoResult result;
            if (context.Interactive)
            {
                result = await context.Console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask(CliText.DemoProgress, maxValue: 1);
                    return await builder.BuildAsync(options, factorFiles, parsed.GetValue(force), new Progress<double>(done => task.Value = done), ruleSets, cancellationToken);
                });
            }
            else
            {
                result = await builder.BuildAsync(options, factorFiles, parsed.GetValue(force), null, ruleSets, cancellationToken);
            }

            if (database.Target.FilePath is { } path)
            {
                // Jobs queued for the database replaced would otherwise run on the new one.
                foreach (var file in new[] { "", "-wal", "-shm" }.Select(suffix => JobHost.StorePath(path) + suffix).Where(File.Exists))
                {
                    File.Delete(file);
                }
            }

            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.DemoDone, database.Target.Display, result.Institutions, result.Counties,
                result.MonthlyRows, watch.Elapsed.TotalSeconds, options.Seed)));
            if (options.NationalScale)
            {
                // No 2016–2020 to compare with the study, and no users or workflows for a million institutions.
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.DemoNationalScale, DemoOptions.NationalScaleAbove, DemoCalibration.LastYear)));
                return 0;
            }

            await ShowAsync(context, database, options, cancellationToken);
            if (result.YearsAssessed.Count > 0)
            {
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.DemoAssessed, result.YearsAssessed[0], result.YearsAssessed[^1])));
            }

            if (RulesDirectory.Workflows() is { } workflows)
            {
                var walked = await context.WithStatusAsync(CliText.DemoWorkflowsProgress,
                    () => new DemoWorkflows(database, context.Clock).BuildAsync(DemoCalibration.LastYear, workflows, cancellationToken));
                var institution = WorkflowReader.ReadDirectory(workflows, WorkflowReader.AnyRuleSet)
                    .Single(item => item.Definition.Subject == WorkflowSubject.Institution).Definition;
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.DemoWorkflows, walked.Users, walked.Year, walked.Instances, walked.Transitions,
                    string.Join("、", institution.States.Where(state => walked.States.ContainsKey(state.Id))
                        .Select(state => $"{state.Label.Current} {walked.States[state.Id]}")))));
            }

            return 0;
        }));
        return command;
    }

    private static async Task ShowAsync(CliContext context, Database database, DemoOptions options, CancellationToken cancellationToken)
    {
        var year = DemoCalibration.ReferenceYear;
        var prefecture = (await IndicatorReport.BuildAsync(database, new IndicatorQuery(year, IndicatorLevel.Prefecture, DemoCalibration.FirstYear), cancellationToken)).Single();
        var later = (await IndicatorReport.BuildAsync(database, new IndicatorQuery(DemoCalibration.LastYear, IndicatorLevel.Prefecture, year), cancellationToken)).Single();

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(string.Format(CliText.DemoCalibrationTitle, prefecture.Name, year)));
        table.AddColumn(CliText.DemoIndicator).AddColumn(new TableColumn(CliText.DemoStudy).RightAligned())
            .AddColumn(new TableColumn(CliText.DemoValue).RightAligned()).AddColumn(new TableColumn(CliText.DemoDeviation).RightAligned());

        void Row(string label, double expected, double? actual, int decimals) =>
            table.AddRow(Markup.Escape(label.Replace('\n', ' ')), CliFormat.Number(expected, decimals), CliFormat.Number(actual, decimals),
                CliFormat.Percent(actual is { } a ? a / expected - 1 : null));

        void ChangeRow(string label, double expected, double? actual) =>
            table.AddRow(Markup.Escape(label.Replace('\n', ' ')), CliFormat.Percent(expected), CliFormat.Percent(actual),
                CliFormat.Points(actual - expected));

        Row(Strings.Label_EnergyPerCapita, DemoCalibration.EnergyPerCapita, prefecture.EnergyPerCapita, 2);
        Row(Strings.Label_EnergyPerArea, DemoCalibration.EnergyPerArea, prefecture.EnergyPerArea, 2);
        Row(Strings.Label_WaterPerCapita, DemoCalibration.WaterPerCapita, prefecture.WaterPerCapita, 2);
        // Totals scale with the number of institutions asked for; intensities do not.
        var scale = (double)options.Institutions / DemoCalibration.Institutions2020;
        Row(Strings.Label_Area, Math.Round(DemoCalibration.BuildingAreaM2 * scale), prefecture.BuildingAreaM2, 0);
        Row(Strings.Label_Users, Math.Round(DemoCalibration.Users * scale), prefecture.Users, 0);
        Row(Strings.Label_Institutions, options.Institutions, prefecture.Institutions, 0);
        ChangeRow($"{Strings.Label_EnergyPerCapita} {DemoCalibration.FirstYear}→{year}", DemoCalibration.EnergyPerCapitaChange2016, prefecture.ChangeVsBaseline?.EnergyPerCapita);
        ChangeRow($"{Strings.Label_EnergyPerArea} {DemoCalibration.FirstYear}→{year}", DemoCalibration.EnergyPerAreaChange2016, prefecture.ChangeVsBaseline?.EnergyPerArea);
        ChangeRow($"{Strings.Label_WaterPerCapita} {DemoCalibration.FirstYear}→{year}", DemoCalibration.WaterPerCapitaChange2016, prefecture.ChangeVsBaseline?.WaterPerCapita);
        ChangeRow($"{Strings.Label_EnergyPerCapita} {year}→{DemoCalibration.LastYear}", DemoCalibration.EnergyPerCapitaChange2025, later.ChangeVsBaseline?.EnergyPerCapita);
        ChangeRow($"{Strings.Label_EnergyPerArea} {year}→{DemoCalibration.LastYear}", DemoCalibration.EnergyPerAreaChange2025, later.ChangeVsBaseline?.EnergyPerArea);
        ChangeRow($"{Strings.Label_WaterPerCapita} {year}→{DemoCalibration.LastYear}", DemoCalibration.WaterPerCapitaChange2025, later.ChangeVsBaseline?.WaterPerCapita);
        context.Console.Write(table);
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.DemoVehicleNote, CliFormat.Number(prefecture.EnergyKgce / 1000, 0),
            CliFormat.Number((prefecture.EnergyKgce - prefecture.VehicleFuelKgce) / 1000, 0), CliFormat.Number(prefecture.VehicleFuelKgce / 1000, 0),
            CliFormat.Number(prefecture.Co2Tonnes, 0))));

        var counties = await IndicatorReport.BuildAsync(database, new IndicatorQuery(year, IndicatorLevel.County), cancellationToken);
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.DemoCountyTitle, year)));
        context.Console.Write(IndicatorOutput.Table(counties, IndicatorLevel.County));
        context.Console.MarkupLine(Markup.Escape(CliText.DemoNext));
    }
}
