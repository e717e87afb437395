using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;

namespace Assessment.Reports;

/// <summary>
/// The quarterly publication of the prefecture-direct units (州直): each unit's consumption from January to the end of the
/// quarter against its category's quotas prorated to the months elapsed (a quarter's share of the year: 3/12, 6/12,
/// 9/12, 12/12). Proration is by months, not by season: heating makes the first and last quarters heavier, so a
/// winter quarter over its share is a sign to look, not a breach; the year-end figure is the one that counts.
/// </summary>
public sealed record QuarterlyConsumption(
    string Period,
    int Year,
    int Quarter,
    int ThroughMonth,
    double Share,
    string FactorTable,
    DateTime GeneratedAt,
    IReadOnlyList<QuarterlyConsumptionRow> Rows)
{
    /// <summary>The kind publications of this report are stored under.</summary>
    public const string Kind = "quarterly-consumption";

    /// <summary>How many units are over a prorated constraint value on any indicator.</summary>
    public int OverConstraint => Rows.Count(row => row.Comparisons.Any(comparison => comparison.Level == QuotaLevel.Over));

    /// <summary>How many units have not reported every month to date.</summary>
    public int Incomplete => Rows.Count(row => row.MonthsReported < ThroughMonth);

    /// <summary>Builds the report for <paramref name="quarter"/> of <paramref name="year"/> from the database.</summary>
    public static async Task<QuarterlyConsumption> BuildAsync(Database database, int year, int quarter, DateTime now,
        CancellationToken cancellationToken = default)
    {
        var throughMonth = quarter * 3;
        await using var session = await database.OpenAsync(cancellationToken);
        var counties = await new CountyRepository(session).ListAsync(cancellationToken);
        var direct = counties.Where(county => county.Kind == CountyKind.PrefectureDirect).Select(county => county.Code).ToHashSet(StringComparer.Ordinal);
        var institutions = (await new InstitutionRepository(session).ListAsync(cancellationToken))
            .Where(institution => direct.Contains(institution.CountyCode)).ToArray();
        var quotas = await new QuotaRepository(session).ListAsync(cancellationToken);
        var factors = await new FactorTableRepository(session).CurrentAsync(cancellationToken);
        var table = factors.For(year); // no factor table for the year: the publication cannot be made, say so
        var data = await IndicatorReport.LoadYearsAsync(session, institutions, counties, factors, new HashSet<int> { year }, cancellationToken, throughMonth);
        var share = throughMonth / 12.0;

        QuotaComparison Compare(InstitutionCategory category, QuotaIndicator indicator, double? value)
        {
            var quota = quotas.Where(q => q.Category == category && q.Indicator == indicator && q.FirstYear <= year).MaxBy(q => q.FirstYear);
            return QuotaComparison.Of(value, quota is null ? null : (quota.GuideValue * share, quota.BaselineValue * share, quota.ConstraintValue * share));
        }

        var rows = institutions.OrderBy(institution => institution.Code, StringComparer.Ordinal).Select(institution =>
        {
            var found = data.GetValueOrDefault((institution.Code, year));
            var values = found is null ? null : IndicatorValues.From(found.Basis);
            return new QuarterlyConsumptionRow(
                institution.Code, institution.Name, institution.Category.Code(), IndicatorAggregator.CategoryName(institution.Category),
                found?.MonthsReported ?? 0, values?.EnergyKgce ?? 0, values?.WaterM3 ?? 0,
                Compare(institution.Category, QuotaIndicator.EnergyPerArea, values?.EnergyPerArea),
                Compare(institution.Category, QuotaIndicator.EnergyPerCapita, values?.EnergyPerCapita),
                Compare(institution.Category, QuotaIndicator.WaterPerCapita, values?.WaterPerCapita));
        }).ToArray();

        return new QuarterlyConsumption(Scheduling.JobPeriod.Quarter(year, quarter), year, quarter, throughMonth, share,
            $"{table.Id}@{table.ContentHash[..12]}", now, rows);
    }
}

/// <summary>One unit's consumption to date and how it stands against the prorated quotas.</summary>
public sealed record QuarterlyConsumptionRow(
    string Code,
    string Name,
    string Category,
    string CategoryName,
    int MonthsReported,
    double EnergyKgce,
    double WaterM3,
    QuotaComparison EnergyPerArea,
    QuotaComparison EnergyPerCapita,
    QuotaComparison WaterPerCapita)
{
    /// <summary>The three comparisons.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<QuotaComparison> Comparisons => [EnergyPerArea, EnergyPerCapita, WaterPerCapita];
}

/// <summary>Where a value stands against the guide, baseline and constraint values (already prorated).</summary>
public enum QuotaLevel
{
    /// <summary>At or below the guide value (引导值): the advanced level.</summary>
    Guide,
    /// <summary>At or below the baseline value (基准值).</summary>
    Baseline,
    /// <summary>At or below the constraint value (约束值).</summary>
    Constraint,
    /// <summary>Above the constraint value.</summary>
    Over,
    /// <summary>The category has no quota for this indicator.</summary>
    NoQuota,
    /// <summary>No value: nothing reported, or no area or users.</summary>
    NoData,
}

/// <summary>A value against its prorated quota.</summary>
public sealed record QuotaComparison(double? Value, double? Guide, double? Baseline, double? Constraint, QuotaLevel Level)
{
    /// <summary>Compares <paramref name="value"/> with <paramref name="quota"/> (guide, baseline if any, constraint).</summary>
    public static QuotaComparison Of(double? value, (double Guide, double? Baseline, double Constraint)? quota)
    {
        if (quota is not { } q)
        {
            return new QuotaComparison(value, null, null, null, value is null ? QuotaLevel.NoData : QuotaLevel.NoQuota);
        }

        var level = value switch
        {
            null => QuotaLevel.NoData,
            var v when v <= q.Guide => QuotaLevel.Guide,
            var v when q.Baseline is { } baseline && v <= baseline => QuotaLevel.Baseline,
            var v when v <= q.Constraint => QuotaLevel.Constraint,
            _ => QuotaLevel.Over,
        };
        return new QuotaComparison(value, q.Guide, q.Baseline, q.Constraint, level);
    }
}
