using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Resources;

namespace Assessment.Reports;

/// <summary>Reads what an indicator report needs from the database and builds its rows.</summary>
public static class IndicatorReport
{
    /// <summary>The rows for <paramref name="query"/>.</summary>
    public static async Task<IReadOnlyList<IndicatorRow>> BuildAsync(Database database, IndicatorQuery query,
        CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var institutions = await new InstitutionRepository(session).ListAsync(cancellationToken);
        var counties = await new CountyRepository(session).ListAsync(cancellationToken);
        var plans = await new TargetRepository(session).ListAsync(cancellationToken);
        var prefecture = await new SettingsRepository(session).GetAsync(SettingsRepository.PrefectureName, cancellationToken)
                         ?? Strings.PrefectureDefaultName;

        if (query.CountyCode is { } countyCode && counties.All(county => county.Code != countyCode))
        {
            throw new ArgumentException(string.Format(Strings.CountyUnknown, countyCode));
        }

        if (query.Level == IndicatorLevel.Prefecture && (query.CountyCode is not null || query.Category is not null))
        {
            // A prefecture row of some institutions only would carry the prefecture's name on a part of it.
            throw new ArgumentException(Strings.PrefectureFiltered);
        }

        var aggregator = new IndicatorAggregator(institutions, counties, prefecture, plans);
        var years = aggregator.YearsNeeded(query.Year, query.BaselineYear);
        var factors = await new FactorTableRepository(session).CurrentAsync(cancellationToken);
        factors.For(query.Year); // the year itself must have a table: say so rather than show nothing
        var data = await LoadYearsAsync(session, institutions, counties, factors, years, cancellationToken);
        return aggregator.Build(query.Year, query.Level, data, query.BaselineYear, institution =>
            (query.CountyCode is null || institution.CountyCode == query.CountyCode)
            && (query.Category is null || institution.Category == query.Category));
    }

    /// <summary>
    /// The data of each of <paramref name="institutions"/> for <paramref name="years"/>: consumption converted with the factor table of its year and
    /// the grid of its county, with the area and users recorded for that year. A year no factor table covers is left out
    /// (a change against it is then unknown, not wrong). With <paramref name="throughMonth"/>, only January to that month.
    /// </summary>
    public static Task<IReadOnlyDictionary<(string Code, int Year), InstitutionYearData>> LoadYearsAsync(
        DbSession session,
        IReadOnlyList<Institution> institutions,
        IReadOnlyList<County> counties,
        FactorTableSet factors,
        IReadOnlySet<int> years,
        CancellationToken cancellationToken = default,
        int throughMonth = 12) =>
        LoadYearsAsync(session, Task.FromResult(institutions), counties, factors, years, cancellationToken, throughMonth);

    /// <summary>As above, with <paramref name="institutions"/> awaited once the sums are read (a caller may read them meanwhile on another connection).</summary>
    public static async Task<IReadOnlyDictionary<(string Code, int Year), InstitutionYearData>> LoadYearsAsync(
        DbSession session,
        Task<IReadOnlyList<Institution>> institutions,
        IReadOnlyList<County> counties,
        FactorTableSet factors,
        IReadOnlySet<int> years,
        CancellationToken cancellationToken = default,
        int throughMonth = 12)
    {
        var sums = await new ConsumptionRepository(session).SumsAsync(years.ToArray(), cancellationToken, throughMonth);
        var profiles = new InstitutionProfiles(await new InstitutionRepository(session).ListYearsAsync(cancellationToken));
        var byCode = (await institutions).ToDictionary(institution => institution.Code, StringComparer.Ordinal);
        var grid = counties.ToDictionary(county => county.Code, county => county.GridRegion, StringComparer.Ordinal);

        var data = new Dictionary<(string, int), InstitutionYearData>();
        var tableKeys = new Dictionary<FactorTable, string>(ReferenceEqualityComparer.Instance); // one string per table, not one per institution and year
        foreach (var sum in sums)
        {
            if (factors.Find(sum.Year) is not { } table || !byCode.TryGetValue(sum.Code, out var institution))
            {
                continue;
            }

            var totals = EnergyCalculator.Compute(sum.Quantities, table, grid.GetValueOrDefault(institution.CountyCode));
            var (area, users) = profiles.For(institution, sum.Year);
            data[(institution.Code, sum.Year)] = new InstitutionYearData( // the institution's string, not a second one per year read
                institution.Code, sum.Year, new IndicatorBasis(totals, area, users), sum.MonthsReported, sum.MonthMask,
                tableKeys.TryGetValue(table, out var key) ? key : tableKeys[table] = $"{table.Id}@{table.ContentHash[..12]}");
        }

        return data;
    }
}
