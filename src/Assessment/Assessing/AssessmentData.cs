using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Resources;
using Assessment.Rules.Inputs;

namespace Assessment.Assessing;

/// <summary>
/// Everything an assessment of a year reads from the database, loaded once: the organisation, indicator rows of the
/// year and the two before it (institutions and counties), quotas, plans, checklists, and what earlier runs gave.
/// </summary>
public sealed class AssessmentData
{
    public required int Year { get; init; }
    public required string PrefectureName { get; init; }
    public required IReadOnlyList<Institution> Institutions { get; init; }
    public required IReadOnlyList<County> Counties { get; init; }
    public required IReadOnlyList<Quota> Quotas { get; init; }
    public required IReadOnlyList<TargetPlan> Plans { get; init; }
    public required IndicatorAggregator Aggregator { get; init; }
    public required FactorTableSet Factors { get; init; }

    /// <summary>
    /// Indicator rows by code, for institutions and for counties, of the year and the previous two (an institution has a
    /// row in a previous year only where it reported something then).
    /// </summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, IndicatorRow>> InstitutionRows { get; private set; } =
        new Dictionary<int, IReadOnlyDictionary<string, IndicatorRow>>();

    public required IReadOnlyDictionary<int, IReadOnlyDictionary<string, IndicatorRow>> CountyRows { get; init; }
    public required IReadOnlyDictionary<int, IReadOnlyDictionary<string, IndicatorRow>> CategoryRows { get; init; }
    public required IReadOnlyDictionary<int, IndicatorRow> PrefectureRows { get; init; }

    /// <summary>The factor table of the year's indicators (<c>id@hash</c>, short), as results record it.</summary>
    public string? FactorTable { get; private init; }

    public required IReadOnlyDictionary<string, Checklist> Checklists { get => _checklists; init => _checklists = value; }

    private IReadOnlyDictionary<string, Checklist> _checklists = new Dictionary<string, Checklist>();

    public required IReadOnlyList<EarlierResult> EarlierInstitutionResults { get; init; }
    public required IReadOnlyList<EarlierResult> EarlierCountyResults { get; init; }

    /// <summary>Every year whose data was read: the year, the two before it, and the baseline years of the plans in force.</summary>
    public required IReadOnlySet<int> YearsRead { get; init; }

    /// <summary>The factor tables the indicators of every year read used, as <c>id@hash</c>.</summary>
    public IReadOnlyList<string> FactorTableKeys => Factors.Tables
        .Where(table => YearsRead.Any(table.Covers))
        .Select(table => $"{table.Id}@{table.ContentHash}").ToArray();

    /// <summary>
    /// The institutions' rows of the year, in the order of <see cref="Institutions"/>, taken out of <see
    /// cref="InstitutionRows"/> (left empty for the year): whoever holds the array decides when each row goes.
    /// </summary>
    internal IndicatorRow[] TakeInstitutionRowsOfYear()
    {
        var ofYear = InstitutionRows[Year];
        var rows = Institutions.Select(institution => ofYear[institution.Code]).ToArray();
        InstitutionRows = InstitutionRows.ToDictionary(entry => entry.Key, entry => entry.Key == Year
            ? new Dictionary<string, IndicatorRow>()
            : entry.Value);
        return rows;
    }

    /// <summary>
    /// Drops the institutions' indicator rows and checklists, once every institution's inputs are built from them (<see
    /// cref="AssessmentEngine.Prepare"/>) and nothing will build them again: a run that is stored and forgotten leaves
    /// the memory of 1.6 million rows and checklists to its results (the inputs hold the checklists until the run ends).
    /// Counties' rows are kept.
    /// </summary>
    internal void ForgetInstitutionRowsAndChecklists()
    {
        InstitutionRows = InstitutionRows.Keys.ToDictionary(year => year, _ =>
            (IReadOnlyDictionary<string, IndicatorRow>)new Dictionary<string, IndicatorRow>());
        _checklists = new Dictionary<string, Checklist>();
    }

    /// <summary>
    /// Loads the year. <paramref name="factors"/> replaces the current factor tables (to reproduce a run with the ones it used).
    /// </summary>
    /// <param name="beforeRun">Read earlier years' results as they were before this run (to reproduce it).</param>
    public static async Task<AssessmentData> LoadAsync(Database database, int year, FactorTableSet? factors = null, long? beforeRun = null,
        CancellationToken cancellationToken = default)
    {
        await using (var probe = await database.OpenAsync(cancellationToken))
        {
            if (!await probe.HasRowsAsync("institutions", cancellationToken))
            {
                throw new ArgumentException(Strings.AssessNoInstitutions);
            }
        }

        // The checklists are read on a connection of their own while the rest is read and built: on two cores a national
        // year's 22 million checklist rows then take no time of their own. So are the institutions, while the main
        // connection sums the months.
        using var alongside = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var checklists = Task.Run(async () =>
        {
            await using var own = await database.OpenAsync(alongside.Token);
            return await new ChecklistRepository(own).ForYearAsync(year, alongside.Token);
        }, alongside.Token);
        var listed = Task.Run(async () =>
        {
            await using var own = await database.OpenAsync(alongside.Token);
            var all = await new InstitutionRepository(own).ListAsync(alongside.Token);
            return all.Count == 0 ? throw new ArgumentException(Strings.AssessNoInstitutions) : all;
        }, alongside.Token);
        try
        {
            return await LoadAsync(database, year, factors, beforeRun, checklists, listed, cancellationToken);
        }
        catch
        {
            // What is read alongside is stopped and waited for: no connection stays busy, no error goes unobserved.
            await alongside.CancelAsync();
            try
            {
                await Task.WhenAll(checklists, listed);
            }
            catch
            {
                // Their own failure (or cancellation) is not the one to report.
            }

            throw;
        }
    }

    private static async Task<AssessmentData> LoadAsync(Database database, int year, FactorTableSet? factors, long? beforeRun,
        Task<IReadOnlyDictionary<string, Checklist>> checklists, Task<IReadOnlyList<Institution>> listed, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var counties = await new CountyRepository(session).ListAsync(cancellationToken);
        var plans = await new TargetRepository(session).ListAsync(cancellationToken);
        var prefecture = await new SettingsRepository(session).GetAsync(SettingsRepository.PrefectureName, cancellationToken) ?? Strings.PrefectureDefaultName;
        factors ??= await new FactorTableRepository(session).CurrentAsync(cancellationToken);
        factors.For(year);

        var years = new[] { year, year - 1, year - 2 };
        var needed = years.SelectMany(y => IndicatorAggregator.YearsNeeded(plans, y, null)).ToHashSet();
        var data = await IndicatorReport.LoadYearsAsync(session, listed, counties, factors, needed, cancellationToken);
        var institutions = await listed;
        var aggregator = new IndicatorAggregator(institutions, counties, prefecture, plans);

        // An institution has a row in the year assessed whatever it reported; in an earlier year only if it reported
        // something then (a row without data holds nothing but empty values, and at national scale, where only the year
        // itself is stored, that was two rows per institution).
        var placed = aggregator.ByPlace(data);
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, IndicatorRow>> Rows(IndicatorLevel level) =>
            years.ToDictionary(y => y, y => (IReadOnlyDictionary<string, IndicatorRow>)aggregator.Build(y, level, placed,
                reportedOnly: level == IndicatorLevel.Institution && y < year).ToDictionary(row => row.Code));

        var results = new ResultRepository(session);
        var institutionRows = Rows(IndicatorLevel.Institution);
        return new AssessmentData
        {
            Year = year,
            YearsRead = needed,
            PrefectureName = prefecture,
            Institutions = institutions,
            Counties = counties,
            Quotas = await new QuotaRepository(session).ListAsync(cancellationToken),
            Plans = plans,
            Aggregator = aggregator,
            Factors = factors,
            InstitutionRows = institutionRows,
            FactorTable = institutionRows[year].Values.Select(row => row.FactorTable).FirstOrDefault(table => table is not null),
            CountyRows = Rows(IndicatorLevel.County),
            CategoryRows = Rows(IndicatorLevel.Category),
            PrefectureRows = years.ToDictionary(y => y, y => aggregator.Build(y, IndicatorLevel.Prefecture, placed).Single()),
            Checklists = await checklists,
            EarlierInstitutionResults = await results.EarlierResultsAsync(year, "institution", beforeRun, cancellationToken),
            EarlierCountyResults = await results.EarlierResultsAsync(year, "county", beforeRun, cancellationToken),
        };
    }
}
