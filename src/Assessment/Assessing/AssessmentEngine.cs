using Assessment.Domain;
using Assessment.Rules;
using Assessment.Rules.Results;

namespace Assessment.Assessing;

/// <summary>
/// Assesses a year in memory, stage by stage: data review, score, grade, rank, penalties (points deducted, then graded
/// and ranked again), demonstrations and incentives; then counties over their aggregates and their institutions' results.
/// A rule that fails stops the whole run with an error naming the subject and the rule: nothing half-done is returned.
/// </summary>
public static class AssessmentEngine
{
    /// <summary>The results of every institution and county, and the inputs each was assessed on (for explanations).</summary>
    public sealed record Outcome(IReadOnlyList<AssessmentResult> Institutions, IReadOnlyList<AssessmentResult> Counties,
        IReadOnlyDictionary<(string Level, string Code), RuleInputs> Inputs);

    /// <summary>
    /// A year's institutions with their inputs built (everything but <c>s</c>, which each run fills anew): built once,
    /// run with as many selections of rule sets as wanted (a simulation runs the rule sets in force and a draft).
    /// </summary>
    public sealed class Prepared
    {
        internal Prepared(AssessmentData data, FactsBuilder facts, RuleInputs[] inputs)
        {
            (Data, Facts, Inputs) = (data, facts, inputs);
        }

        public AssessmentData Data { get; }
        internal FactsBuilder Facts { get; }

        /// <summary>The inputs of <see cref="AssessmentData.Institutions"/>, in their order.</summary>
        internal RuleInputs[] Inputs { get; }

        /// <summary>Whether a run took the inputs themselves (their <c>s</c> written), so that no run may have them again.</summary>
        internal bool Spent { get; set; }
    }

    /// <summary>One subject on its way through the stages.</summary>
    private sealed class Subject(string code, string name, string? countyCode, string? countyName, string? category, RuleInputs inputs)
    {
        public string Code { get; } = code;
        public string Name { get; } = name;
        public string? CountyCode { get; } = countyCode;
        public string? CountyName { get; } = countyName;
        public string? Category { get; } = category;
        public RuleInputs Inputs { get; } = inputs;
        /// <summary>How errors name the subject (as text only for an error).</summary>
        public SubjectName Label => new(Code, Name);
        // Lists made only where something is found (most subjects have no findings, penalties or incentives), and kept
        // as the result records them.
        public IReadOnlyList<QualityIssue> Issues { get; set; } = [];

        /// <summary>What the scoring set gave, before penalties: its totals only (1.6 million subjects live through the whole run).</summary>
        public (double Score, double MaxScore, double Bonus) Scoring { get; set; }

        /// <summary>The scoring set's row of points, kept for the result when it is itemised.</summary>
        public double[]? Row { get; set; }
        public GradingResult? Grade { get; set; }
        public IReadOnlyList<PenaltyResult> Penalties { get; set; } = [];
        /// <summary>As the result records them: a programme's item points are not kept (1.6 million subjects live through the whole run).</summary>
        public DemonstrationLine[] Demonstrations { get; set; } = [];
        public IReadOnlyList<IncentiveResult> Incentives { get; set; } = [];
        public double Deducted { get; set; }
    }

    /// <summary>Builds every institution's inputs for the year, over all cores.</summary>
    /// <param name="release">
    /// Whether the year's institution rows and checklists are let go (<see cref="AssessmentData.ForgetInstitutionRowsAndChecklists"/>):
    /// each institution's row of the year as soon as its inputs are built, so that a national year's 1.6 million rows and
    /// its inputs are not all held at once (the peak of a stored run was there). Nothing can prepare the year again.
    /// </param>
    public static Prepared Prepare(AssessmentData data, bool release = false)
    {
        var facts = new FactsBuilder(data);
        var inputs = new RuleInputs[data.Institutions.Count];
        if (!release)
        {
            ForEach(inputs.Length, index => inputs[index] = facts.ForInstitution(data.Institutions[index]));
            return new Prepared(data, facts, inputs);
        }

        var rows = data.TakeInstitutionRowsOfYear();
        ForEach(inputs.Length, index =>
        {
            inputs[index] = facts.ForInstitution(data.Institutions[index], rows[index]);
            rows[index] = null!;
        });
        data.ForgetInstitutionRowsAndChecklists();
        Compact();
        return new Prepared(data, facts, inputs);
    }

    /// <param name="keepInputs">Whether the outcome keeps every subject's inputs (to explain a result; a run that is stored does not need them).</param>
    public static Outcome Run(AssessmentData data, RuleSetSelection rules, bool keepInputs = true) => Run(Prepare(data), rules, keepInputs: keepInputs, last: true);

    /// <summary>Runs every stage with <paramref name="rules"/> on inputs prepared once; the prepared inputs are not changed, but by a last run.</summary>
    /// <param name="itemise">Whether results list every item's points (a simulation compares scores, grades and ranks only).</param>
    /// <param name="keepInputs">Whether the outcome keeps every subject's inputs, for explanations (never when not itemised).</param>
    /// <param name="last">Whether this is the last run on <paramref name="prepared"/>: it then writes the stages' <c>s</c>
    /// into the inputs themselves instead of into a copy of each (1.6 million fewer objects at national scale), and no run
    /// may have them again.</param>
    public static Outcome Run(Prepared prepared, RuleSetSelection rules, bool itemise = true, bool keepInputs = true, bool last = false)
    {
        if (prepared.Spent)
        {
            throw new InvalidOperationException("These inputs were given to a run as its last.");
        }

        prepared.Spent = last;
        var data = prepared.Data;
        var counties = data.Counties.ToDictionary(county => county.Code);
        var institutions = new Subject[data.Institutions.Count];
        for (var index = 0; index < institutions.Length; index++)
        {
            var institution = data.Institutions[index];
            institutions[index] = new Subject(institution.Code, institution.Name, institution.CountyCode, counties.GetValueOrDefault(institution.CountyCode)?.Name,
                institution.Category.Code(), last ? prepared.Inputs[index] : prepared.Inputs[index].WithFreshScore());
        }

        Stages(institutions, rules, RuleSetLevel.Institution, itemise);
        var release = last && !keepInputs;
        if (release)
        {
            Compact();
        }

        var institutionResults = new AssessmentResult[institutions.Length];
        var shared = new Shared(data, rules, RuleSetLevel.Institution);
        // A last run that keeps no inputs lets each institution's inputs and state go as its result is made: otherwise the
        // results of 1.6 million institutions would be made while all of that is still held (the run's peak).
        ForEach(institutions.Length, index =>
        {
            institutionResults[index] = Result(institutions[index], shared);
            if (release)
            {
                (institutions[index], prepared.Inputs[index]) = (null!, null!);
            }
        });

        // The inputs each subject was assessed on, for explanations; a simulation (not itemised) explains nothing.
        var inputs = itemise && keepInputs ? institutions.ToDictionary(subject => ("institution", subject.Code), subject => subject.Inputs) : null;
        return new Outcome(institutionResults, Counties(data, prepared.Facts, rules, institutionResults, itemise, inputs), inputs ?? []);
    }

    // The counties, over their aggregates and their institutions' results (their inputs are added to inputs, when kept).
    private static AssessmentResult[] Counties(AssessmentData data, FactsBuilder facts, RuleSetSelection rules, IReadOnlyList<AssessmentResult> institutionResults,
        bool itemise, Dictionary<(string Level, string Code), RuleInputs>? inputs)
    {
        if (rules.One(RuleSetLevel.County, RuleSetKind.Scoring) is null)
        {
            return [];
        }

        var byCounty = institutionResults.ToLookup(result => result.CountyCode);
        var countySubjects = data.Counties.Where(county => data.CountyRows[data.Year].ContainsKey(county.Code)).Select(county => new Subject(
            county.Code, county.Name, county.Code, county.Name, null, facts.ForCounty(county, byCounty[county.Code].ToArray()))).ToArray();
        Stages(countySubjects, rules, RuleSetLevel.County, itemise);
        var countyShared = new Shared(data, rules, RuleSetLevel.County);
        foreach (var subject in inputs is null ? [] : countySubjects)
        {
            inputs![("county", subject.Code)] = subject.Inputs;
        }

        return countySubjects.Select(subject => Result(subject, countyShared)).ToArray();
    }

    /// <summary>
    /// One county's share of a run split by county (<c>assessment assess --jobs</c>): its institutions taken through the
    /// stages with the rankings of everyone given, as the ranking job computed them from every county's scores. With no
    /// ranking yet: scored and graded; with the first: also penalised; with both: qualified, and their results are final.
    /// The stages and the ranking are those of <see cref="Run(Prepared, RuleSetSelection, bool, bool, bool)"/>, so that the split run
    /// gives the same results.
    /// </summary>
    /// <param name="facts">The year's inputs builder, built once for all of a run's jobs in a worker.</param>
    public static (IReadOnlyList<Scored> Scores, IReadOnlyList<AssessmentResult> Results) RunCounty(FactsBuilder facts, RuleSetSelection rules, string county,
        IReadOnlyList<IReadOnlyDictionary<string, Ranks>> rankings)
    {
        var data = facts.Data;
        var countyName = data.Counties.FirstOrDefault(candidate => candidate.Code == county)?.Name;
        var members = data.Institutions.Where(institution => institution.CountyCode == county).ToArray();
        var subjects = new Subject[members.Length];
        ForEach(members.Length, index => subjects[index] = new Subject(members[index].Code, members[index].Name, county, countyName,
            members[index].Category.Code(), facts.ForInstitution(members[index])));

        ScoreAndGrade(subjects, rules, RuleSetLevel.Institution, itemise: true);
        if (rankings.Count >= 1)
        {
            Rank(subjects, rankings[0]);
            Penalise(subjects, rules, RuleSetLevel.Institution);
        }

        if (rankings.Count < 2)
        {
            return (subjects.Select(ScoredOf).ToArray(), []);
        }

        Rank(subjects, rankings[1]);
        Qualify(subjects, rules, RuleSetLevel.Institution);
        var shared = new Shared(data, rules, RuleSetLevel.Institution);
        var results = new AssessmentResult[subjects.Length];
        ForEach(subjects.Length, index => results[index] = Result(subjects[index], shared));
        return (subjects.Select(ScoredOf).ToArray(), results);
    }

    /// <summary>The end of a run split by county: every institution's final result, in the order of the year's institutions, then the counties.</summary>
    public static Outcome FinishCounties(FactsBuilder facts, RuleSetSelection rules, IReadOnlyList<AssessmentResult> institutionResults)
    {
        var data = facts.Data;
        var order = data.Institutions.Select((institution, index) => (institution.Code, index)).ToDictionary(entry => entry.Code, entry => entry.index, StringComparer.Ordinal);
        // Read back from the county jobs' JSON: their items become rows again, as a run on one machine keeps them.
        var scoring = rules.One(RuleSetLevel.Institution, RuleSetKind.Scoring)!;
        var institutions = institutionResults.OrderBy(result => order[result.Code])
            .Select(result => ItemRow.From(scoring.ItemLayout, result.Items) is { } row ? result with { Items = row } : result).ToArray();
        var inputs = new Dictionary<(string Level, string Code), RuleInputs>();
        return new Outcome(institutions, Counties(data, facts, rules, institutions, itemise: true, inputs), inputs);
    }

    /// <summary>
    /// A full, compacting collection, where a run that is stored has just let go of much (the rows its inputs were built
    /// from; the stages' garbage before the results are made). Left to itself, the server collector lets a national heap
    /// grow to 4.3-5.5 GiB with what is already garbage while no more than 2.5 GB was alive; compacted at these two
    /// points a national run peaks at 3.4-3.5 GiB (bench/results/national-20261201-2cores.md); without the second
    /// it is about 3 s faster but peaks at 3.8-4.0 GiB.
    /// </summary>
    private static void Compact()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every index over all cores. Subjects are independent within a stage; if some
    /// fail, the error is that of the first subject in order that failed, as a run on one core would give.
    /// </summary>
    private static void ForEach(int count, Action<int> body)
    {
        Exception?[]? failures = null;
        Parallel.For(0, count, (index, state) =>
        {
            try
            {
                body(index);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failures, new Exception?[count], null);
                failures[index] = e;
                state.Break(); // every lower index still runs, so the first failure is known
            }
        });

        if (failures?.FirstOrDefault(failure => failure is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    // The stages in order; between them everyone is ranked on the score so far (penalties and later sets may read ranks).
    private static void Stages(IReadOnlyList<Subject> subjects, RuleSetSelection rules, RuleSetLevel level, bool itemise)
    {
        ScoreAndGrade(subjects, rules, level, itemise);
        Rank(subjects, RankInOrder(subjects.Select(ScoredOf).ToArray()));
        Penalise(subjects, rules, level);
        Rank(subjects, RankInOrder(subjects.Select(ScoredOf).ToArray()));
        Qualify(subjects, rules, level);
    }

    // Data quality, the score (into a flat row the later stages read through s.Points(…)), the grade.
    private static void ScoreAndGrade(IReadOnlyList<Subject> subjects, RuleSetSelection rules, RuleSetLevel level, bool itemise)
    {
        var scoring = rules.One(level, RuleSetKind.Scoring)!;
        var grading = rules.One(level, RuleSetKind.Grading);
        var quality = rules.Of(level, RuleSetKind.DataQuality);
        ForEach(subjects.Count, index =>
        {
            var subject = subjects[index];
            foreach (var set in quality)
            {
                subject.Issues = Joined(subject.Issues, RuleSetEvaluator.Check(set, subject.Inputs, subject.Label));
            }

            var points = new double[scoring.ScoredItems.Count];
            var facts = subject.Inputs.Score;
            facts.Score = RuleSetEvaluator.ScoreInto(scoring, subject.Inputs, subject.Label, points);
            facts.UseRow(scoring.ItemColumns, points);
            var totals = RuleSetEvaluator.Expand(scoring, points, itemise: false);
            subject.Scoring = (totals.Score, totals.MaxScore, totals.Bonus);
            subject.Row = itemise ? points : null;
            facts.MaxScore = totals.MaxScore;
            facts.DataErrors = subject.Issues.Count(issue => issue.Level == "error");
            facts.DataWarnings = subject.Issues.Count(issue => issue.Level == "warning");
            Grade(subject, grading);
        });
    }

    private static void Penalise(IReadOnlyList<Subject> subjects, RuleSetSelection rules, RuleSetLevel level)
    {
        var penalties = rules.Of(level, RuleSetKind.Penalty);
        var grading = rules.One(level, RuleSetKind.Grading);
        ForEach(subjects.Count, index => ApplyPenalties(subjects[index], penalties, grading));
    }

    private static void Qualify(IReadOnlyList<Subject> subjects, RuleSetSelection rules, RuleSetLevel level)
    {
        var demonstrations = rules.Of(level, RuleSetKind.Demonstration);
        var incentives = rules.Of(level, RuleSetKind.Incentive);
        // What failed is one of a few lists per programme, and a line without a score differs only in that: one of each
        // is kept for everyone (they are immutable) instead of one per subject, which at national scale is millions of
        // objects living to the end of the run.
        var failedLists = demonstrations.Select(_ => new Kept<string>()).ToArray();
        var unscored = demonstrations.Select(_ => new System.Collections.Concurrent.ConcurrentDictionary<IReadOnlyList<string>, DemonstrationLine>(
            ReferenceEqualityComparer.Instance)).ToArray();
        ForEach(subjects.Count, index =>
        {
            var subject = subjects[index];
            var lines = new DemonstrationLine[demonstrations.Count];
            for (var programme = 0; programme < lines.Length; programme++)
            {
                var d = RuleSetEvaluator.Qualify(demonstrations[programme], subject.Inputs, subject.Label, keepPoints: false);
                var failed = failedLists[programme].Of(d.Failed);
                lines[programme] = d.Score is null
                    ? unscored[programme].GetOrAdd(failed, static (list, d) => new DemonstrationLine(d.Programme, d.Title, d.TitleEn, d.Qualifies, null, list), d)
                    : new DemonstrationLine(d.Programme, d.Title, d.TitleEn, d.Qualifies, d.Score, failed);
            }

            subject.Demonstrations = lines;

            foreach (var set in incentives)
            {
                subject.Incentives = Joined(subject.Incentives, RuleSetEvaluator.Incentives(set, subject.Inputs, subject.Label));
            }
        });
    }

    /// <summary>Most rounds of penalties before their outcome must have settled.</summary>
    private const int PenaltyRounds = 5;

    // Penalties may deduct points, which may change the grade, which other penalties look at: evaluate them again on the
    // new score and grade until the penalties and the score settle, always deducting from the score the items gave.
    private static void ApplyPenalties(Subject subject, IReadOnlyList<CompiledRuleSet> sets, CompiledRuleSet? grading)
    {
        var raw = subject.Scoring.Score;
        IReadOnlyList<PenaltyResult> penalties = [];
        var deducted = 0.0; // what the penalties found last deduct
        for (var round = 0; round < PenaltyRounds; round++)
        {
            var found = sets.Count == 1 ? RuleSetEvaluator.Penalties(sets[0], subject.Inputs, subject.Label)
                : sets.SelectMany(set => RuleSetEvaluator.Penalties(set, subject.Inputs, subject.Label)).ToArray();
            deducted = 0.0;
            foreach (var penalty in found)
            {
                deducted += penalty.DeductPoints;
            }

            var score = Math.Max(0, raw - deducted);
            var settled = score == subject.Inputs.Score.Score && SameRules(found, penalties);
            penalties = found;
            if (settled)
            {
                break;
            }

            subject.Inputs.Score.Score = score;
            Grade(subject, grading);
        }

        subject.Penalties = penalties;
        subject.Deducted = deducted;
    }

    private static IReadOnlyList<T> Joined<T>(IReadOnlyList<T> first, IReadOnlyList<T> second) =>
        second.Count == 0 ? first : first.Count == 0 ? second : [.. first, .. second];

    private static bool SameRules(IReadOnlyList<PenaltyResult> found, IReadOnlyList<PenaltyResult> before)
    {
        if (found.Count != before.Count)
        {
            return false;
        }

        for (var index = 0; index < found.Count; index++)
        {
            if (found[index].Rule != before[index].Rule)
            {
                return false;
            }
        }

        return true;
    }

    // A grade without vetoes is one of a few (immutable, equal by value): one of each is kept for all subjects of all runs.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string, string, bool), GradingResult> Grades = new();

    private static void Grade(Subject subject, CompiledRuleSet? grading)
    {
        if (grading is null)
        {
            return;
        }

        var grade = RuleSetEvaluator.Grade(grading, subject.Inputs, subject.Label);
        subject.Grade = grade.Vetoes.Count == 0 ? Grades.GetOrAdd((grade.RuleSet, grade.Grade, grade.Label, grade.LabelEn, grade.Vetoed), grade) : grade;
        subject.Inputs.Score.Grade = subject.Grade.Grade;
        subject.Inputs.Score.Vetoed = subject.Grade.Vetoed;
    }

    /// <summary>A subject's score as ranking sees it, with the groups it is ranked within.</summary>
    public sealed record Scored(string Code, string? Category, string? County, double Score);

    /// <summary>A subject's ranks: overall (of <c>Count</c>), within its category (of <c>CountInCategory</c>; 0 without one), within its county.</summary>
    public readonly record struct Ranks(int Rank, int Count, int RankInCategory, int CountInCategory, int RankInCounty);

    private static Scored ScoredOf(Subject subject) => new(subject.Code, subject.Category, subject.CountyCode, subject.Inputs.Score.Score);

    /// <summary>
    /// Competition ranking ("1224") on the score rounded to 6 decimals, overall, within the category and within the
    /// county: the ranking of a run on one machine and the ranking job of a run split by county alike.
    /// </summary>
    public static IReadOnlyDictionary<string, Ranks> RankAll(IReadOnlyList<Scored> subjects)
    {
        var inOrder = RankInOrder(subjects);
        var ranks = new Dictionary<string, Ranks>(subjects.Count, StringComparer.Ordinal);
        for (var index = 0; index < subjects.Count; index++)
        {
            ranks[subjects[index].Code] = inOrder[index];
        }

        return ranks;
    }

    /// <summary>The ranks of <see cref="RankAll"/>, in the order of <paramref name="subjects"/>.</summary>
    private static Ranks[] RankInOrder(IReadOnlyList<Scored> subjects)
    {
        // Every subject's key, and the subjects in the order of their keys (once, for all three groupings).
        var keys = new double[subjects.Count];
        var order = new int[keys.Length];
        for (var index = 0; index < keys.Length; index++)
        {
            keys[index] = Math.Round(subjects[index].Score, 6);
            order[index] = index;
        }

        Array.Sort(keys, order);

        // For each subject, its rank within the group it falls in and the group's size: walking from the highest key
        // down, a subject's rank is one more than how many of its group came before it, or its predecessor's in the
        // group where their keys are equal (a tie; NaN ties NaN, below every number).
        (int Rank, int Count)[] Within(Func<Scored, string?> group)
        {
            var groups = new Dictionary<string, int>(StringComparer.Ordinal);
            var groupOf = new int[keys.Length];
            var sizes = new List<int> { 0 }; // group 0: no group (null)
            for (var index = 0; index < keys.Length; index++)
            {
                var name = group(subjects[index]);
                var id = 0;
                if (name is not null && !groups.TryGetValue(name, out id))
                {
                    groups.Add(name, id = sizes.Count);
                    sizes.Add(0);
                }

                groupOf[index] = id;
                sizes[id]++;
            }

            var seen = new int[sizes.Count];
            var lastKey = new double[sizes.Count];
            var lastRank = new int[sizes.Count];
            var within = new (int, int)[keys.Length];
            for (var position = keys.Length - 1; position >= 0; position--)
            {
                var index = order[position];
                var id = groupOf[index];
                var key = keys[position];
                var rank = seen[id] > 0 && key.Equals(lastKey[id]) ? lastRank[id] : seen[id] + 1;
                seen[id]++;
                lastKey[id] = key;
                lastRank[id] = rank;
                within[index] = (rank, sizes[id]);
            }

            return within;
        }

        var overall = Within(_ => null);
        var category = Within(subject => subject.Category);
        var county = Within(subject => subject.County);
        var ranks = new Ranks[keys.Length];
        for (var index = 0; index < keys.Length; index++)
        {
            var hasCategory = subjects[index].Category is not null;
            ranks[index] = new Ranks(overall[index].Rank, overall[index].Count,
                hasCategory ? category[index].Rank : 0, hasCategory ? category[index].Count : 0, county[index].Rank);
        }

        return ranks;
    }

    private static void Rank(IReadOnlyList<Subject> subjects, IReadOnlyDictionary<string, Ranks> ranks) =>
        Rank(subjects, subjects.Select(subject => ranks[subject.Code]).ToArray());

    private static void Rank(IReadOnlyList<Subject> subjects, Ranks[] ranks)
    {
        for (var index = 0; index < subjects.Count; index++)
        {
            var (rank, count, inCategory, countInCategory, inCounty) = ranks[index];
            var facts = subjects[index].Inputs.Score;
            (facts.Rank, facts.Count, facts.RankInCategory, facts.CountInCategory, facts.RankInCounty) = (rank, count, inCategory, countInCategory, inCounty);
        }
    }

    /// <summary>What every result of a level records alike, worked out once.</summary>
    private sealed class Shared(AssessmentData data, RuleSetSelection rules, RuleSetLevel level)
    {
        public int Year { get; } = data.Year;
        public RuleSetLevel Level { get; } = level;
        public string[] RuleSets { get; } = rules.All.Where(set => set.Level == level).Select(set => set.VersionKey).Order(StringComparer.Ordinal).ToArray();
        public string? FactorTable { get; } = data.FactorTable;
        public CompiledRuleSet Scoring { get; } = rules.One(level, RuleSetKind.Scoring)!;

        // Findings are records of what a rule says (labels, action, amount): equal ones are kept once for all results.
        public Kept<QualityIssue> Issues { get; } = new();
        public Kept<PenaltyResult> Penalties { get; } = new();
        public Kept<IncentiveResult> Incentives { get; } = new();
        public Kept<string> Vetoes { get; } = new();
    }

    /// <summary>
    /// One of each equal list of immutable values (records compare by value), for results to share: a national run keeps
    /// 1.6 million results to the end, and most of their lists are one of a few.
    /// </summary>
    private sealed class Kept<T>
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IReadOnlyList<T>, IReadOnlyList<T>> _lists = new(Same.Instance);

        /// <summary>The list kept equal to <paramref name="list"/> (a copy of the first one met; an empty list is always the same).</summary>
        public IReadOnlyList<T> Of(IReadOnlyList<T> list) => list.Count == 0 ? [] : _lists.GetOrAdd(list, static list => list.ToArray());

        private sealed class Same : IEqualityComparer<IReadOnlyList<T>>
        {
            public static Same Instance { get; } = new();

            public bool Equals(IReadOnlyList<T>? x, IReadOnlyList<T>? y)
            {
                if (x is null || y is null || x.Count != y.Count)
                {
                    return ReferenceEquals(x, y);
                }

                for (var index = 0; index < x.Count; index++)
                {
                    if (!EqualityComparer<T>.Default.Equals(x[index], y[index]))
                    {
                        return false;
                    }
                }

                return true;
            }

            public int GetHashCode(IReadOnlyList<T> list)
            {
                var hash = new HashCode();
                foreach (var item in list)
                {
                    hash.Add(item);
                }

                return hash.ToHashCode();
            }
        }
    }

    private static AssessmentResult Result(Subject subject, Shared shared)
    {
        var level = shared.Level;
        var s = subject.Inputs.Score;
        return new AssessmentResult(
            Level: level == RuleSetLevel.Institution ? "institution" : "county",
            Code: subject.Code,
            Name: subject.Name,
            County: subject.CountyName,
            CountyCode: subject.CountyCode,
            Category: subject.Category,
            Year: shared.Year,
            Score: s.Score,
            MaxScore: subject.Scoring.MaxScore,
            Bonus: subject.Scoring.Bonus,
            Deducted: subject.Deducted,
            Grade: subject.Grade?.Grade ?? "",
            GradeLabel: subject.Grade?.Label ?? "",
            Vetoed: subject.Grade?.Vetoed ?? false,
            Vetoes: shared.Vetoes.Of(subject.Grade?.Vetoes ?? []),
            Items: subject.Row is { } row ? new ItemRow(shared.Scoring.ItemLayout, row) : [],
            Demonstrations: subject.Demonstrations,
            Penalties: shared.Penalties.Of(subject.Penalties),
            Incentives: shared.Incentives.Of(subject.Incentives),
            Issues: shared.Issues.Of(subject.Issues),
            Rank: s.Rank,
            RankInCategory: level == RuleSetLevel.Institution ? s.RankInCategory : 0,
            RankInCounty: level == RuleSetLevel.Institution ? s.RankInCounty : 0,
            RuleSets: shared.RuleSets,
            FactorTable: shared.FactorTable);
    }
}
