using System.Diagnostics;
using System.Globalization;
using System.Text;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Rules;

namespace Assessment.Bench;

/// <summary>
/// Simulates a draft of the 100-point rule set (guide values 5 % stricter) over a demo prefecture of N institutions,
/// as the CLI does (read the year, assess it with the rule sets in force, assess it with the draft) and as the web
/// editor does once the year is kept (the draft only). Usage:
///   dotnet run -c Release --project bench/Assessment.Bench -- simulation [--institutions 30000] [--db FILE] [--repeats 5]
/// Without --db the demo is built into bench/data/demo-N.db (kept for the next run: about 2 minutes for 30,000 here).
/// </summary>
public static class SimulationBench
{
    public static async Task<int> RunAsync(string root, int institutions, string? db, int repeats)
    {
        var path = db ?? Path.Combine(root, "bench", "data", $"demo-{institutions}.db");
        var database = new Database(new DatabaseTarget(DatabaseKind.Sqlite, $"Data Source={path}", path));
        var clock = TimeProvider.System;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Console.WriteLine($"Building a demo of {institutions:N0} institutions into {path} …");
            var watch = Stopwatch.StartNew();
            await new DemoBuilder(database, clock).BuildAsync(new DemoOptions(DemoOptions.DefaultSeed, institutions),
                FactorTableReader.ReadDirectory(Path.Combine(root, "rules", "factors")), force: true, ruleSets: DatabaseSetup.ShippedRuleSets(Path.Combine(root, "rules")));
            Console.WriteLine($"Built in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        database.Migrate();
        var text = File.ReadAllText(Path.Combine(root, "rules", "institution-assessment.json"));
        var stricter = text.Replace("q.EnergyPerArea.Guide, q.EnergyPerArea.Constraint", "q.EnergyPerArea.Guide * 0.95, q.EnergyPerArea.Constraint", StringComparison.Ordinal);
        var draft = RuleSetReader.Parse(stricter, "institution-assessment.json");
        var service = new AssessmentService(database, clock);
        var year = DemoCalibration.LastYear;

        // As the CLI does: everything, once (the process is warm here, so this is the work, not the start-up).
        var cold = Stopwatch.StartNew();
        var first = await service.SimulateAsync(draft, year);
        cold.Stop();

        // As the web editor does with the year kept: the draft only, several times; the median counts.
        var basis = await service.SimulationBaseAsync(year);
        var kept = new List<double>();
        Simulation? last = null;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var watch = Stopwatch.StartNew();
            last = AssessmentService.Simulate(basis, draft);
            kept.Add(watch.Elapsed.TotalSeconds);
        }

        kept.Sort();
        var median = kept[kept.Count / 2];
        if (last!.GradeChanges != first.GradeChanges || last.RankChanges != first.RankChanges)
        {
            Console.Error.WriteLine("A kept year and a fresh one disagree.");
            return 1;
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Simulation benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Draft of `institution-assessment` (energy-per-area guide 5 % stricter) on {first.Subjects:N0} institutions, year {year}; " +
                                                          $"{Environment.ProcessorCount} cores; .NET {Environment.Version}. The baseline is reading the year and assessing it with the rule sets in force, in the same run.");
        report.AppendLine();
        report.AppendLine("| institutions | read + assess in force (s) | draft on a kept year, median of " + repeats + " (s) | CLI path, all of it (s) | kept / read | grade changes | rank changes |");
        report.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {first.Subjects:N0} | {basis.Loading.TotalSeconds:0.00} | {median:0.00} | {cold.Elapsed.TotalSeconds:0.00} | {median / basis.Loading.TotalSeconds:0.000} | {first.GradeChanges:N0} | {first.RankChanges:N0} |");
        report.AppendLine(line);
        Console.Write(report);

        ResultsFile.Write(root, "simulation", report.ToString());
        return 0;
    }
}
