using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Rules;
using Assessment.Rules.Inputs;

namespace Assessment.Assessing;

/// <summary>
/// Turns a year's data into the inputs rules see: <c>i</c>/<c>c</c> from the indicator rows, <c>q</c> from the quotas in
/// force, <c>t</c> from the plan in force with the year's share of it, <c>m</c> the reviewed checklist, <c>h</c> from
/// earlier runs and years, <c>p</c> the category (or all counties) this year and last.
/// </summary>
public sealed class FactsBuilder
{
    private readonly AssessmentData _data;
    private readonly Dictionary<(string Category, int Year), double[]>[] _sorted;
    private readonly Dictionary<int, double[]>[] _countySorted;
    private readonly ILookup<string, EarlierResult> _earlierInstitutions;
    private readonly ILookup<string, EarlierResult> _earlierCounties;

    // What depends on nothing of an institution's own is made once and shared (inputs are only read; a run writes its
    // own s): q by category, and t and h where there is no plan or nothing earlier — most of a national year.
    private readonly Dictionary<InstitutionCategory, QuotaFacts> _quotas;
    private readonly TargetFacts _noTargets = new();
    private readonly History _noHistory;
    private readonly Population _nothingLastYear = new(); // p.Last where the year before has no data at all

    private static readonly Func<IndicatorRow, double?>[] Indicators =
        [row => row.EnergyPerArea, row => row.EnergyPerCapita, row => row.WaterPerCapita, row => row.Co2PerArea];

    /// <summary>The year the inputs come from.</summary>
    public AssessmentData Data => _data;

    public FactsBuilder(AssessmentData data)
    {
        _data = data;
        var years = new[] { data.Year, data.Year - 1 };
        // Each year's rows are put in their categories once; the indicators' values are then sorted on all cores (a
        // national year is 4 indicators × 2 years × 1.6 million values, seconds on one core).
        var categories = years.SelectMany(year => data.InstitutionRows[year].Values.GroupBy(row => row.Category!)
            .Select(group => (Category: group.Key, Year: year, Rows: group.ToArray()))).ToArray();
        _sorted = new Dictionary<(string Category, int Year), double[]>[Indicators.Length];
        _countySorted = new Dictionary<int, double[]>[Indicators.Length];
        Parallel.For(0, Indicators.Length, index =>
        {
            var indicator = Indicators[index];
            double[] Sorted(IEnumerable<IndicatorRow> rows) => Distribution.SortedKnown(rows.Select(row => indicator(row) ?? double.NaN));
            _sorted[index] = categories.ToDictionary(entry => (entry.Category, entry.Year), entry => Sorted(entry.Rows));
            _countySorted[index] = years.ToDictionary(year => year, year => Sorted(data.CountyRows[year].Values));
        });
        _earlierInstitutions = data.EarlierInstitutionResults.ToLookup(result => result.Code);
        _earlierCounties = data.EarlierCountyResults.ToLookup(result => result.Code);
        _quotas = Enum.GetValues<InstitutionCategory>().ToDictionary(category => category, category => Quota(category, data.Year));
        _noHistory = new History { Year = data.Year };
    }

    /// <summary>The inputs of <paramref name="institution"/>.</summary>
    public RuleInputs ForInstitution(Institution institution) => ForInstitution(institution, _data.InstitutionRows[_data.Year][institution.Code]);

    /// <summary>The inputs of <paramref name="institution"/>, whose row of the year is <paramref name="row"/>.</summary>
    internal RuleInputs ForInstitution(Institution institution, IndicatorRow row)
    {
        var year = _data.Year;
        var previous = _data.InstitutionRows[year - 1].GetValueOrDefault(institution.Code);
        var subject = Subject(row, previous, institution.KeyUnit);
        var category = institution.Category.Code();
        var plan = _data.Aggregator.PlanFor(IndicatorLevel.Institution, institution, year);
        return new RuleInputs
        {
            Subject = subject,
            Quota = _quotas[institution.Category],
            Targets = plan is null ? _noTargets : Targets(plan, row, year),
            Checklist = _data.Checklists.GetValueOrDefault(institution.Code) ?? new Checklist(),
            History = History(institution.Code, _earlierInstitutions, _data.InstitutionRows),
            Population = Population(
                _nothingLastYear,
                index => _sorted[index].GetValueOrDefault((category, year), []),
                index => _sorted[index].GetValueOrDefault((category, year - 1), []),
                _data.CategoryRows[year].GetValueOrDefault(category),
                _data.CategoryRows[year - 1].GetValueOrDefault(category),
                row,
                previous),
        };
    }

    /// <summary>The inputs of county <paramref name="county"/>, given what its institutions were just given.</summary>
    public RuleInputs ForCounty(County county, IReadOnlyList<AssessmentResult> institutionResults)
    {
        var year = _data.Year;
        var row = _data.CountyRows[year][county.Code];
        var previous = _data.CountyRows[year - 1].GetValueOrDefault(county.Code);
        var subject = Subject(row, previous, keyUnit: false);
        subject.Institutions = row.Institutions;
        subject.AverageScore = institutionResults.Count == 0 ? double.NaN : institutionResults.Average(result => result.Score);
        subject.ShareCompleted = institutionResults.Count == 0 ? double.NaN
            : (double)institutionResults.Count(result => result.Grade is "excellent" or "completed") / institutionResults.Count;
        subject.ReportingRate = row.MonthsExpected == 0 ? double.NaN : (double)row.MonthsReported / row.MonthsExpected;
        var anyMember = _data.Institutions.First(institution => institution.CountyCode == county.Code);
        return new RuleInputs
        {
            Subject = subject,
            Targets = Targets(_data.Aggregator.PlanFor(IndicatorLevel.County, anyMember, year), row, year),
            History = History(county.Code, _earlierCounties, _data.CountyRows),
            Population = Population(
                _nothingLastYear,
                index => _countySorted[index][year], index => _countySorted[index][year - 1],
                _data.PrefectureRows[year], _data.PrefectureRows[year - 1], row, previous),
        };
    }

    private static SubjectFacts Subject(IndicatorRow row, IndicatorRow? previous, bool keyUnit) => new()
    {
        Code = row.Code,
        Name = row.Name,
        Category = row.Category ?? "",
        County = row.CountyCode ?? "",
        KeyUnit = keyUnit,
        Year = row.Year,
        MonthsReported = row.MonthsReported,
        EnergyKgce = row.EnergyKgce ?? double.NaN,
        VehicleFuelKgce = row.VehicleFuelKgce ?? double.NaN,
        EnergyPerCapita = row.EnergyPerCapita ?? double.NaN,
        EnergyPerArea = row.EnergyPerArea ?? double.NaN,
        WaterM3 = row.WaterM3 ?? double.NaN,
        WaterPerCapita = row.WaterPerCapita ?? double.NaN,
        Co2Tonnes = row.Co2Tonnes ?? double.NaN,
        Co2PerArea = row.Co2PerArea ?? double.NaN,
        BuildingAreaM2 = row.BuildingAreaM2 ?? double.NaN,
        Users = row.Users ?? double.NaN,
        VsBaseline = Changes(row.ChangeVsBaseline),
        VsPrevious = Changes(row.ChangeVsPrevious),
        AreaChange = Change(row.BuildingAreaM2, previous?.BuildingAreaM2),
        UsersChange = Change(row.Users, previous?.Users),
    };

    // Where there is no reference year (a national year stored alone: every institution, twice) the changes are all
    // unknown: one instance for all of them (inputs are only read).
    private static readonly IndicatorChangeFacts NoChanges = new();

    private static IndicatorChangeFacts Changes(IndicatorChanges? changes) => changes is null
        ? NoChanges
        : new IndicatorChangeFacts
        {
            ReferenceYear = changes.ReferenceYear,
            EnergyKgce = changes.EnergyKgce ?? double.NaN,
            EnergyPerCapita = changes.EnergyPerCapita ?? double.NaN,
            EnergyPerArea = changes.EnergyPerArea ?? double.NaN,
            WaterM3 = changes.WaterM3 ?? double.NaN,
            WaterPerCapita = changes.WaterPerCapita ?? double.NaN,
            Co2Tonnes = changes.Co2Tonnes ?? double.NaN,
            Co2PerArea = changes.Co2PerArea ?? double.NaN,
        };

    private static double Change(double? value, double? reference) =>
        value is { } v && reference is { } r && r > 0 ? v / r - 1 : double.NaN;

    private QuotaFacts Quota(InstitutionCategory category, int year)
    {
        QuotaZone Zone(QuotaIndicator indicator) =>
            _data.Quotas.Where(quota => quota.Category == category && quota.Indicator == indicator && quota.FirstYear <= year)
                .MaxBy(quota => quota.FirstYear) is { } quota
                ? new QuotaZone { Guide = quota.GuideValue, Baseline = quota.BaselineValue ?? double.NaN, Constraint = quota.ConstraintValue }
                : new QuotaZone();

        var facts = new QuotaFacts
        {
            EnergyPerCapita = Zone(QuotaIndicator.EnergyPerCapita),
            EnergyPerArea = Zone(QuotaIndicator.EnergyPerArea),
            WaterPerCapita = Zone(QuotaIndicator.WaterPerCapita),
        };
        facts.Has = !double.IsNaN(facts.EnergyPerArea.Constraint) || !double.IsNaN(facts.EnergyPerCapita.Constraint) || !double.IsNaN(facts.WaterPerCapita.Constraint);
        return facts;
    }

    /// <summary>The plan's lines for <paramref name="year"/>: the decline due by then, compounded evenly over the plan, and the decline reached.</summary>
    public static TargetFacts Targets(TargetPlan? plan, IndicatorRow row, int year)
    {
        if (plan is null)
        {
            return new TargetFacts();
        }

        var share = (double)(year - plan.BaselineYear) / (plan.TargetYear - plan.BaselineYear);
        TargetLine Line(double? decline, double? change) => new()
        {
            Plan = decline ?? double.NaN,
            Target = decline is { } d ? 1 - Math.Pow(1 - d, share) : double.NaN,
            Actual = change is { } c ? -c : double.NaN,
        };

        var baseline = row.ChangeVsBaseline;
        return new TargetFacts
        {
            Has = true,
            BaselineYear = plan.BaselineYear,
            TargetYear = plan.TargetYear,
            EnergyPerArea = Line(plan.EnergyPerAreaDecline, baseline?.EnergyPerArea),
            EnergyPerCapita = Line(plan.EnergyPerCapitaDecline, baseline?.EnergyPerCapita),
            WaterPerCapita = Line(plan.WaterPerCapitaDecline, baseline?.WaterPerCapita),
            Co2PerArea = Line(plan.Co2PerAreaDecline, baseline?.Co2PerArea),
            EnergyCapTce = plan.EnergyCapTce ?? double.NaN,
            WaterCapM3 = plan.WaterCapM3 ?? double.NaN,
            Co2CapTonnes = plan.Co2CapTonnes ?? double.NaN,
        };
    }

    private History History(string code, ILookup<string, EarlierResult> earlier,
        IReadOnlyDictionary<int, IReadOnlyDictionary<string, IndicatorRow>> rows)
    {
        // Nothing made for a subject without history (every subject at national scale, where only the year is stored).
        var results = earlier.Contains(code) ? earlier[code].ToArray() : [];
        List<KeyValuePair<int, IReadOnlyDictionary<string, IndicatorRow>>>? values = null;
        foreach (var pair in rows)
        {
            if (pair.Key < _data.Year && pair.Value.TryGetValue(code, out var row) && (row.EnergyPerArea ?? row.EnergyPerCapita ?? row.WaterPerCapita) is not null)
            {
                (values ??= []).Add(pair);
            }
        }

        if (results.Length == 0 && values is null)
        {
            return _noHistory;
        }

        return new History
        {
            Year = _data.Year,
            Grades = results.ToDictionary(result => result.Year, result => result.Grade),
            Penalties = results.ToDictionary(result => result.Year, result => result.PenaltyActions.ToList()),
            Titles = results.ToDictionary(result => result.Year, result => result.Titles.ToList()),
            // A year without any of the three values is left out: reading it gives NaN either way (at national scale, where
            // only the year itself is stored, that is two dictionaries fewer per institution).
            Values = (values ?? []).ToDictionary(pair => pair.Key, pair =>
            {
                var row = pair.Value[code];
                return new Dictionary<string, double>
                {
                    [nameof(SubjectFacts.EnergyPerArea)] = row.EnergyPerArea ?? double.NaN,
                    [nameof(SubjectFacts.EnergyPerCapita)] = row.EnergyPerCapita ?? double.NaN,
                    [nameof(SubjectFacts.WaterPerCapita)] = row.WaterPerCapita ?? double.NaN,
                };
            }),
        };
    }

    private static Population Population(Population nothing, Func<int, double[]> now, Func<int, double[]> last, IndicatorRow? aggregate,
        IndicatorRow? lastAggregate, IndicatorRow subject, IndicatorRow? lastSubject)
    {
        Population Build(Func<int, double[]> values, IndicatorRow? group, IndicatorRow? own) => new()
        {
            EnergyPerArea = Distribution.OfSorted(values(0), group?.EnergyPerArea ?? double.NaN, own?.EnergyPerArea ?? double.NaN),
            EnergyPerCapita = Distribution.OfSorted(values(1), group?.EnergyPerCapita ?? double.NaN, own?.EnergyPerCapita ?? double.NaN),
            WaterPerCapita = Distribution.OfSorted(values(2), group?.WaterPerCapita ?? double.NaN, own?.WaterPerCapita ?? double.NaN),
            Co2PerArea = Distribution.OfSorted(values(3), group?.Co2PerArea ?? double.NaN, own?.Co2PerArea ?? double.NaN),
        };

        var population = Build(now, aggregate, subject);
        static bool Empty(IndicatorRow? row) => row is null || (row.EnergyPerArea ?? row.EnergyPerCapita ?? row.WaterPerCapita ?? row.Co2PerArea) is null;
        population.Last = Empty(lastAggregate) && Empty(lastSubject) && NoneIn(last) ? nothing : Build(last, lastAggregate, lastSubject);
        return population;

        static bool NoneIn(Func<int, double[]> values)
        {
            for (var index = 0; index < Indicators.Length; index++)
            {
                if (values(index).Length > 0)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
