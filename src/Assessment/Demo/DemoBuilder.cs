using System.Data.Common;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Resources;
using Assessment.Rules;
using Dapper;

namespace Assessment.Demo;

/// <summary>
/// Builds a fresh demo database: empties it (only when it is empty or holds an earlier demo, unless forced), applies the
/// schema, loads the factor tables, writes the generated prefecture, then derives the quotas and the counties' caps from
/// the 2020 data with the same indicator code the reports use.
/// </summary>
public sealed class DemoBuilder(Database database, TimeProvider clock)
{
    /// <summary>Rows written between two progress reports.</summary>
    private const int ProgressEvery = 12 * 10 * 20;

    /// <summary>
    /// Whether the database may be replaced: missing or empty (factor tables, and rule sets whose text is one of
    /// <paramref name="shippedRuleHashes"/>, are reloaded from their files), or made by an earlier demo that nothing was
    /// imported into since.
    /// </summary>
    public async Task<bool> IsReplaceableAsync(IReadOnlyCollection<string>? shippedRuleHashes = null, CancellationToken cancellationToken = default)
    {
        if (!database.Exists || database.Target.FilePath is { } path && new FileInfo(path).Length == 0)
        {
            return true;
        }

        await using var session = await database.OpenAsync(cancellationToken);
        string? seed;
        try
        {
            seed = await new SettingsRepository(session).GetAsync(SettingsRepository.DemoSeed, cancellationToken);
        }
        catch (DbException)
        {
            // Not one of our databases (or an unreadable file): only an empty SQL Server database is safe to fill.
            return database.Target.FilePath is null;
        }

        var rows = new Dictionary<string, long>();
        // Configuration reloaded from files or defaults is not data a demo would lose.
        foreach (var table in SqlDialect.TablesChildrenFirst.Where(table => table is not ("factor_tables" or "rule_set_versions" or "workflow_definitions" or "job_schedules"
                     or "consumption_year_sums" or "consumption_year_sums_stale"))) // sums of the months, counted there
        {
            rows[table] = await CountAsync(session, $"SELECT COUNT(*) FROM {table}", cancellationToken);
        }

        var shipped = shippedRuleHashes?.ToHashSet() ?? [];
        rows["rule_set_versions"] = await CountAsync(session, "SELECT COUNT(*) FROM rule_set_versions", cancellationToken) == 0
            ? 0
            : (await new RuleSetRepository(session).ListAsync(cancellationToken)).Count(version => !shipped.Contains(version.ContentHash));
        return seed is not null ? rows["imports"] == 0 : rows.Values.All(count => count == 0);
    }

    // A table an older schema does not have yet holds nothing.
    private static async Task<long> CountAsync(DbSession session, string sql, CancellationToken cancellationToken)
    {
        try
        {
            return await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: cancellationToken));
        }
        catch (DbException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Builds the demo; with <paramref name="ruleSets"/>, also publishes them and assesses every year from the first
    /// checklist year, so that results and their history exist. <paramref name="progress"/> receives the fraction done (0–1).
    /// </summary>
    public async Task<DemoResult> BuildAsync(DemoOptions options, IReadOnlyList<FactorTableFile> factorFiles, bool force,
        IProgress<double>? progress = null, IReadOnlyList<CompiledRuleSet>? ruleSets = null, CancellationToken cancellationToken = default)
    {
        if (!force && !await IsReplaceableAsync(ruleSets?.Select(set => set.ContentHash).ToArray(), cancellationToken))
        {
            throw new DatabaseException(string.Format(Strings.DemoWouldReplaceData, database.Target.Display));
        }

        var factors = new FactorTableSet(factorFiles.Select(file => file.Table).ToArray());
        var generator = new DemoGenerator(options, factors);
        var catalog = DemoCatalog.Instance;
        var now = clock.GetUtcNow().UtcDateTime;

        await database.ResetAsync(cancellationToken);
        database.Migrate();
        await using var session = await database.OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken, manyRows: true);

        var settings = new SettingsRepository(session);
        await settings.SetAsync(SettingsRepository.PrefectureName, generator.PrefectureName, cancellationToken);
        await settings.SetAsync(SettingsRepository.DemoSeed, options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        await new FactorTableRepository(session).ReplaceCurrentAsync(factorFiles, now, cancellationToken);

        var counties = generator.Counties;
        await new CountyRepository(session).UpsertAsync(counties, cancellationToken);
        var institutions = generator.Institutions;
        var institutionRepository = new InstitutionRepository(session);
        await institutionRepository.InsertManyAsync(institutions, now, cancellationToken);
        var years = await institutionRepository.InsertYearsManyAsync(generator.Profiles(), cancellationToken);

        var expectedRows = (double)institutions.Count * options.YearsWritten.Count * 12;
        var written = 0;
        var rows = await new ConsumptionRepository(session).InsertManyAsync(
            generator.Consumption().Select(row =>
            {
                if (++written % ProgressEvery == 0)
                {
                    progress?.Report(written / expectedRows * (ruleSets is null ? 0.95 : 0.7));
                }

                return row;
            }),
            cancellationToken);

        await new ChecklistRepository(session).InsertManyAsync(generator.Checklists(), cancellationToken);
        // A national-scale demo has no baseline year to hand plans down from: no targets, and quotas from the year it has.
        var plans = options.NationalScale ? 0 : await WritePlansAsync(session, generator, catalog, institutions, counties, factors, cancellationToken);
        var quotas = await WriteQuotasAsync(session, catalog, institutions, counties, factors,
            options.NationalScale ? DemoCalibration.LastYear : DemoCalibration.ReferenceYear, cancellationToken);
        await session.CommitAsync(cancellationToken);
        await new ConsumptionRepository(session).RefreshYearSumsAsync(cancellationToken);

        var assessed = new List<int>();
        if (ruleSets is not null)
        {
            await session.BeginAsync(cancellationToken);
            var published = new RuleSetRepository(session);
            foreach (var set in ruleSets)
            {
                await published.PublishAsync(set, now, cancellationToken);
            }

            await session.CommitAsync(cancellationToken);
            var service = new AssessmentService(database, clock);
            for (var year = catalog.ChecklistFirstYear; year <= DemoCalibration.LastYear && !options.NationalScale; year++)
            {
                await service.AssessAsync(year, cancellationToken: cancellationToken);
                assessed.Add(year);
                progress?.Report(0.7 + 0.3 * assessed.Count / (DemoCalibration.LastYear - catalog.ChecklistFirstYear + 1));
            }
        }

        progress?.Report(1);
        return new DemoResult(counties.Count, institutions.Count, years, rows, quotas, plans, assessed);
    }

    // The prefecture's plans; plans handed down go to every county (caps in proportion to its 2020 use) and institution.
    private static async Task<int> WritePlansAsync(DbSession session, DemoGenerator generator, DemoCatalog catalog,
        IReadOnlyList<Institution> institutions, IReadOnlyList<County> counties, FactorTableSet factors, CancellationToken cancellationToken)
    {
        var scale = generator.TotalUsers2020 / (double)DemoCalibration.Users;
        var plans = new List<TargetPlan>();
        foreach (var (plan, handDown) in catalog.Plans)
        {
            var prefecture = plan with
            {
                EnergyCapTce = plan.EnergyCapTce * scale,
                WaterCapM3 = plan.WaterCapM3 * scale,
                Co2CapTonnes = plan.Co2CapTonnes * scale,
            };
            plans.Add(prefecture);
            if (!handDown)
            {
                continue;
            }

            var aggregator = new IndicatorAggregator(institutions, counties, generator.PrefectureName, []);
            var data = await IndicatorReport.LoadYearsAsync(session, institutions, counties, factors, new HashSet<int> { plan.BaselineYear }, cancellationToken);
            var whole = aggregator.Build(plan.BaselineYear, IndicatorLevel.Prefecture, data).Single();
            foreach (var county in aggregator.Build(plan.BaselineYear, IndicatorLevel.County, data))
            {
                plans.Add(prefecture with
                {
                    Scope = TargetScope.County,
                    ScopeCode = county.Code,
                    EnergyCapTce = prefecture.EnergyCapTce * county.EnergyKgce / whole.EnergyKgce,
                    WaterCapM3 = prefecture.WaterCapM3 * county.WaterM3 / whole.WaterM3,
                    Co2CapTonnes = prefecture.Co2CapTonnes * county.Co2Tonnes / whole.Co2Tonnes,
                });
            }

            var extra = catalog.KeyUnitExtraDecline;
            plans.AddRange(institutions.Select(institution => prefecture with
            {
                Scope = TargetScope.Institution,
                ScopeCode = institution.Code,
                EnergyPerAreaDecline = prefecture.EnergyPerAreaDecline + (institution.KeyUnit ? extra : 0),
                EnergyPerCapitaDecline = prefecture.EnergyPerCapitaDecline + (institution.KeyUnit ? extra : 0),
                Co2PerAreaDecline = prefecture.Co2PerAreaDecline + (institution.KeyUnit ? extra : 0),
                EnergyCapTce = null,
                WaterCapM3 = null,
                Co2CapTonnes = null,
            }));
        }

        await new TargetRepository(session).UpsertAsync(plans, cancellationToken);
        return plans.Count;
    }

    // Quotas as a statistical standard would set them: guide, baseline and constraint at the 20th, 50th and 80th percentile
    // of the category in the reference year.
    private static async Task<int> WriteQuotasAsync(DbSession session, DemoCatalog catalog, IReadOnlyList<Institution> institutions,
        IReadOnlyList<County> counties, FactorTableSet factors, int year, CancellationToken cancellationToken)
    {
        var data = await IndicatorReport.LoadYearsAsync(session, institutions, counties, factors, new HashSet<int> { year }, cancellationToken);
        var rows = new IndicatorAggregator(institutions, counties, catalog.Prefecture, []).Build(year, IndicatorLevel.Institution, data);
        var quotas = new List<Quota>();
        foreach (var category in Categories.All)
        {
            var members = rows.Where(row => row.Category == category.Code()).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            foreach (var (indicator, values, digits) in new[]
                     {
                         (QuotaIndicator.EnergyPerCapita, members.Select(row => row.EnergyPerCapita), 1),
                         (QuotaIndicator.EnergyPerArea, members.Select(row => row.EnergyPerArea), 2),
                         (QuotaIndicator.WaterPerCapita, members.Select(row => row.WaterPerCapita), 2),
                     })
            {
                var sorted = values.OfType<double>().Order().ToArray();
                if (sorted.Length == 0)
                {
                    continue;
                }

                quotas.Add(new Quota(category, indicator, catalog.QuotaFirstYear,
                    ConstraintValue: Math.Round(Percentile(sorted, 0.8), digits),
                    BaselineValue: Math.Round(Percentile(sorted, 0.5), digits),
                    GuideValue: Math.Round(Percentile(sorted, 0.2), digits),
                    Source: catalog.QuotaSource));
            }
        }

        await new QuotaRepository(session).UpsertAsync(quotas, cancellationToken);
        return quotas.Count;
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values, interpolated linearly.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
