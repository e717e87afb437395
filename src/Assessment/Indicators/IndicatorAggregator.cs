using Assessment.Domain;
using Assessment.Resources;

namespace Assessment.Indicators;

/// <summary>
/// Builds indicator rows for institutions and their groups from each institution's yearly data. Groups add their members'
/// totals, areas and users and divide once (a ratio of sums). Changes are taken against the previous year and against the
/// baseline year of the five-year plan covering the year: the institution's own, else its county's, else the prefecture's.
/// </summary>
public sealed class IndicatorAggregator
{
    private readonly IReadOnlyList<Institution> _institutions;
    private readonly IReadOnlyDictionary<string, County> _counties;
    private readonly string _prefectureName;
    private readonly IReadOnlyList<TargetPlan> _plans;
    private readonly ILookup<(TargetScope Scope, string Code), TargetPlan> _plansByScope;

    /// <summary>Takes the organisation and its targets.</summary>
    public IndicatorAggregator(IReadOnlyList<Institution> institutions, IReadOnlyList<County> counties, string prefectureName,
        IReadOnlyList<TargetPlan> plans)
    {
        _institutions = institutions;
        _counties = counties.ToDictionary(county => county.Code, StringComparer.Ordinal);
        _prefectureName = prefectureName;
        _plans = plans;
        // Every institution looks up its own plan: by scope and code, not through every plan (a province has tens of thousands).
        _plansByScope = plans.ToLookup(plan => (plan.Scope, plan.ScopeCode));
    }

    /// <summary>The years whose data <see cref="Build(int, IndicatorLevel, IReadOnlyDictionary{ValueTuple{string, int}, InstitutionYearData}, int?, Func{Institution, bool}?)"/> needs for <paramref name="year"/>: itself, the previous one, baselines.</summary>
    public IReadOnlySet<int> YearsNeeded(int year, int? baselineYear) => YearsNeeded(_plans, year, baselineYear);

    /// <summary>The years whose data rows of <paramref name="year"/> need under <paramref name="plans"/>: itself, the previous one, baselines.</summary>
    public static IReadOnlySet<int> YearsNeeded(IReadOnlyList<TargetPlan> plans, int year, int? baselineYear)
    {
        var years = new HashSet<int> { year, year - 1 };
        if (baselineYear is { } fixedYear)
        {
            years.Add(fixedYear);
        }
        else
        {
            years.UnionWith(plans.Where(plan => plan.Covers(year)).Select(plan => plan.BaselineYear));
        }

        return years;
    }

    /// <summary>
    /// The rows of <paramref name="level"/> for <paramref name="year"/>. <paramref name="data"/> holds each institution's
    /// data for the years of <see cref="YearsNeeded(int, int?)"/>; an institution without data for a year reported nothing that year.
    /// </summary>
    public IReadOnlyList<IndicatorRow> Build(
        int year,
        IndicatorLevel level,
        IReadOnlyDictionary<(string Code, int Year), InstitutionYearData> data,
        int? baselineYear = null,
        Func<Institution, bool>? filter = null) =>
        Build(year, level, ByPlace(data), baselineYear, filter);

    /// <summary>
    /// As above, on data already put by place (<see cref="ByPlace"/>): several rows of the same data then look each
    /// institution's data up once a year. With <paramref name="reportedOnly"/>, only institutions that reported
    /// something in <paramref name="year"/>.
    /// </summary>
    public IReadOnlyList<IndicatorRow> Build(
        int year,
        IndicatorLevel level,
        DataByPlace data,
        int? baselineYear = null,
        Func<Institution, bool>? filter = null,
        bool reportedOnly = false)
    {
        if (data.Aggregator != this)
        {
            throw new ArgumentException("The data was put by place for another aggregator.", nameof(data));
        }

        var ofYear = reportedOnly ? data.Year(year) : null;
        bool Member(int place) => (filter is null || filter(_institutions[place])) && (ofYear is null || ofYear[place] is not null);
        if (level == IndicatorLevel.Institution)
        {
            // Each institution is its own group (codes are unique): in the order of their counties, then of their codes.
            return Each(InstitutionOrder.Where(Member).ToArray(), place => BuildRow(level, [place], year, data, baselineYear));
        }

        var members = Enumerable.Range(0, _institutions.Count).Where(Member);
        var groups = level switch
        {
            IndicatorLevel.County => members.GroupBy(place => _institutions[place].CountyCode).OrderBy(group => CountySortKey(group.Key)),
            IndicatorLevel.Category => members.GroupBy(place => _institutions[place].Category.Code()).OrderBy(group => _institutions[group.First()].Category),
            _ => members.GroupBy(_ => TargetPlan.PrefectureCode),
        };

        return Each(groups.ToArray(), group => BuildRow(level, group.ToArray(), year, data, baselineYear));
    }

    /// <summary>
    /// <paramref name="data"/> put by each institution's place in this aggregator's list, a year at a time, for
    /// <see cref="Build(int, IndicatorLevel, DataByPlace, int?, Func{Institution, bool}?, bool)"/>. It holds the data:
    /// let it go with the data (a national year's is gigabytes).
    /// </summary>
    public DataByPlace ByPlace(IReadOnlyDictionary<(string Code, int Year), InstitutionYearData> data) => new(this, data);

    /// <summary>Each institution's data by its place in the aggregator's list, a year at a time (made on first use, on all cores).</summary>
    public sealed class DataByPlace
    {
        private readonly IReadOnlyDictionary<(string Code, int Year), InstitutionYearData> _data;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Lazy<InstitutionYearData?[]>> _years = new();

        internal DataByPlace(IndicatorAggregator aggregator, IReadOnlyDictionary<(string Code, int Year), InstitutionYearData> data)
        {
            Aggregator = aggregator;
            _data = data;
            // The years anyone has data for: a group's sum for another year is empty without looking every member up (a
            // national database holds one year, and a row also sums the year before and the baseline).
            YearsWithData = data.Keys.Select(key => key.Year).ToHashSet();
        }

        internal IndicatorAggregator Aggregator { get; }

        internal IReadOnlySet<int> YearsWithData { get; }

        /// <summary>The data of <paramref name="year"/> of the institution at each place; null where it has none.</summary>
        internal InstitutionYearData?[] Year(int year) => _years.GetOrAdd(year, year => new Lazy<InstitutionYearData?[]>(() =>
        {
            var institutions = Aggregator._institutions;
            var placed = new InstitutionYearData?[institutions.Count];
            if (YearsWithData.Contains(year))
            {
                Parallel.For(0, placed.Length, place => placed[place] = _data.GetValueOrDefault((institutions[place].Code, year)));
            }

            return placed;
        })).Value;
    }

    // The places of the institutions in the order of their counties, then of their codes: put in order once (a national
    // year has 1.6 million, and rows are built for three years).
    private int[] InstitutionOrder => _institutionOrder ??= OrderInstitutions();

    private int[]? _institutionOrder;

    private int[] OrderInstitutions()
    {
        // The counties are put in order once, not compared again for every pair of institutions.
        var countyOrder = _institutions.Select(institution => institution.CountyCode).Distinct()
            .Select(code => (Code: code, Key: CountySortKey(code))).OrderBy(entry => entry.Key)
            .Select((entry, index) => (entry.Code, index)).ToDictionary(entry => entry.Code, entry => entry.index, StringComparer.Ordinal);
        var county = _institutions.Select(institution => countyOrder[institution.CountyCode]).ToArray();
        var inCodeOrder = true;
        for (var place = 1; place < _institutions.Count && inCodeOrder; place++)
        {
            inCodeOrder = string.CompareOrdinal(_institutions[place - 1].Code, _institutions[place].Code) < 0;
        }

        if (!inCodeOrder)
        {
            return Enumerable.Range(0, _institutions.Count).OrderBy(place => county[place]).ThenBy(place => _institutions[place].Code, StringComparer.Ordinal)
                .ToArray();
        }

        // Listed in code order (as the database lists them): each county's institutions keep their order, so a counting
        // sort on the county alone gives the same order without comparing codes.
        var starts = new int[countyOrder.Count + 1];
        foreach (var index in county)
        {
            starts[index + 1]++;
        }

        for (var index = 1; index < starts.Length; index++)
        {
            starts[index] += starts[index - 1];
        }

        var ordered = new int[county.Length];
        for (var place = 0; place < county.Length; place++)
        {
            ordered[starts[county[place]]++] = place;
        }

        return ordered;
    }

    // The rows of the groups, in their order, built over all cores: into their places, with no merge to put them back
    // in order (for a national year's 1.6 million institutions an ordered parallel query spent more time merging and
    // sorting than building).
    private static IndicatorRow[] Each<T>(T[] groups, Func<T, IndicatorRow> build)
    {
        var rows = new IndicatorRow[groups.Length];
        Parallel.For(0, groups.Length, index => rows[index] = build(groups[index]));
        return rows;
    }

    private IndicatorRow BuildRow(IndicatorLevel level, int[] members, int year, DataByPlace data, int? baselineYear)
    {
        var first = _institutions[members[0]];
        GroupSum Sum(int year) => data.YearsWithData.Contains(year) ? IndicatorAggregator.Sum(members, data.Year(year)) : new GroupSum(IndicatorBasis.Zero, 0, 0, 0, null);
        var current = Sum(year);
        var previous = Sum(year - 1);
        var baseline = (baselineYear ?? PlanFor(level, first, year)?.BaselineYear) is { } by ? (Year: by, Sum: Sum(by)) : default;

        var values = current.Reported > 0 ? IndicatorValues.From(current.Basis) : null;
        var county = level is IndicatorLevel.Institution or IndicatorLevel.County ? _counties.GetValueOrDefault(first.CountyCode) : null;
        var (code, name) = level switch
        {
            IndicatorLevel.Institution => (first.Code, first.Name),
            IndicatorLevel.County => (first.CountyCode, county?.Name ?? first.CountyCode),
            IndicatorLevel.Category => (first.Category.Code(), CategoryName(first.Category)),
            _ => (TargetPlan.PrefectureCode, _prefectureName),
        };

        return new IndicatorRow(
            Level: level.ToString().ToLowerInvariant(),
            Code: code,
            Name: name,
            County: county?.Name,
            CountyCode: county?.Code,
            Category: level is IndicatorLevel.Institution or IndicatorLevel.Category ? first.Category.Code() : null,
            Year: year,
            EnergyKgce: values?.EnergyKgce,
            VehicleFuelKgce: values?.VehicleFuelKgce,
            EnergyPerCapita: values?.EnergyPerCapita,
            EnergyPerArea: values?.EnergyPerArea,
            WaterM3: values?.WaterM3,
            WaterPerCapita: values?.WaterPerCapita,
            Co2DirectTonnes: values?.Co2DirectTonnes,
            Co2IndirectTonnes: values?.Co2IndirectTonnes,
            Co2Tonnes: values?.Co2Tonnes,
            Co2PerArea: values?.Co2PerArea,
            BuildingAreaM2: values?.BuildingAreaM2,
            Users: values?.Users,
            PvKwh: values?.PvKwh,
            ChangeVsBaseline: Change(values, baseline.Sum, baseline.Year),
            ChangeVsPrevious: Change(values, previous, year - 1),
            MonthsReported: current.Months,
            MonthsExpected: 12 * members.Length,
            MissingMonths: level == IndicatorLevel.Institution ? MissingMonths(current.Mask) : [],
            Institutions: members.Length,
            InstitutionsIncomplete: data.YearsWithData.Contains(year) && data.Year(year) is var ofYear
                ? members.Count(member => ofYear[member] is not { MonthsReported: >= 12 })
                : members.Length,
            FactorTable: current.FactorTable);
    }

    private static IndicatorChanges? Change(IndicatorValues? values, GroupSum? reference, int referenceYear) =>
        values is not null && reference is { Reported: > 0 } r
            ? IndicatorChanges.Between(values, IndicatorValues.From(r.Basis), referenceYear)
            : null;

    private static GroupSum Sum(int[] members, InstitutionYearData?[] ofYear)
    {
        // Added up in locals, in the order IndicatorBasis's + would (so to the same bits), and made once: a group of a
        // national year has up to 1.6 million members, and every + made two objects.
        double energy = 0, vehicleFuel = 0, water = 0, co2Direct = 0, co2Indirect = 0, vehicleCo2 = 0, pv = 0, area = 0;
        long users = 0;
        int reported = 0, months = 0, mask = 0;
        string? table = null;
        foreach (var member in members)
        {
            if (ofYear[member] is { MonthsReported: > 0 } d)
            {
                var totals = d.Basis.Totals;
                (energy, vehicleFuel, water) = (energy + totals.EnergyKgce, vehicleFuel + totals.VehicleFuelKgce, water + totals.WaterM3);
                (co2Direct, co2Indirect, vehicleCo2, pv) = (co2Direct + totals.Co2DirectKg, co2Indirect + totals.Co2IndirectKg, vehicleCo2 + totals.VehicleCo2Kg,
                    pv + totals.PvKwh);
                (area, users) = (area + d.Basis.BuildingAreaM2, users + d.Basis.Users);
                reported++;
                months += d.MonthsReported;
                mask |= d.MonthMask;
                table ??= d.FactorTable;
            }
        }

        var basis = reported == 0
            ? IndicatorBasis.Zero
            : new IndicatorBasis(new EnergyTotals(energy, vehicleFuel, water, co2Direct, co2Indirect, vehicleCo2, pv), area, users);
        return new GroupSum(basis, reported, months, members.Length == 1 ? mask : 0, table);
    }

    /// <summary>
    /// The plan in force for a row in <paramref name="year"/>: for an institution its own, else its county's; for a county
    /// its own; else, and for other levels, the prefecture's.
    /// </summary>
    public TargetPlan? PlanFor(IndicatorLevel level, Institution institution, int year)
    {
        TargetPlan? Find(TargetScope scope, string code)
        {
            TargetPlan? found = null; // the latest baseline among those in force (a loop: this runs for every row)
            foreach (var plan in _plansByScope[(scope, code)])
            {
                if (plan.Covers(year) && (found is null || plan.BaselineYear > found.BaselineYear))
                {
                    found = plan;
                }
            }

            return found;
        }

        var own = level switch
        {
            IndicatorLevel.Institution => Find(TargetScope.Institution, institution.Code) ?? Find(TargetScope.County, institution.CountyCode),
            IndicatorLevel.County => Find(TargetScope.County, institution.CountyCode),
            _ => null,
        };
        return own ?? Find(TargetScope.Prefecture, TargetPlan.PrefectureCode);
    }

    private (int, string) CountySortKey(string countyCode) =>
        (_counties.TryGetValue(countyCode, out var county) && county.Kind == CountyKind.PrefectureDirect ? 0 : 1, countyCode);

    private static int[] MissingMonths(int mask) => MissingByMask[mask & 0xFFF];

    // The months missing from each of the 4,096 masks, made once and shared by the rows (never changed by them).
    private static readonly int[][] MissingByMask = Enumerable.Range(0, 1 << 12)
        .Select(mask => Enumerable.Range(1, 12).Where(month => (mask & (1 << (month - 1))) == 0).ToArray()).ToArray();

    /// <summary>The display name of a category in the current UI language.</summary>
    public static string CategoryName(InstitutionCategory category) =>
        Strings.ResourceManager.GetString("Category_" + category, Strings.Culture) ?? category.Code();

    private sealed record GroupSum(IndicatorBasis Basis, int Reported, int Months, int Mask, string? FactorTable);
}
