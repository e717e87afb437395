using Assessment.Data;
using Assessment.Rules;

namespace Assessment.Assessing;

/// <summary>
/// Assesses a year with the rule sets in force and stores the run with the exact versions it used; reproduces an earlier
/// run with its versions; simulates a draft rule set without storing anything; explains one subject's result.
/// </summary>
public sealed class AssessmentService(Database database, TimeProvider clock)
{
    /// <summary>A stored run and its results.</summary>
    public sealed record Stored(AssessmentRun Run, IReadOnlyList<AssessmentResult> Institutions, IReadOnlyList<AssessmentResult> Counties);

    /// <summary>Assesses <paramref name="year"/> with the rule sets in force for it and stores the results.</summary>
    public async Task<Stored> AssessAsync(int year, string? note = null, CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var selection = new RuleSetSelection(await InForceAsync(year, cancellationToken), year);
        await ConsumptionRepository.RefreshYearSumsAsync(database, cancellationToken); // months changed since are summed once, here
        var data = await AssessmentData.LoadAsync(database, year, cancellationToken: cancellationToken);
        // On a stack of its own: the load's last read can finish on a pool thread that then runs this method's rest inline,
        // under the load's frames, and what those hold (a national year's sums, rows and checklists: 1.2 GB) would stay
        // reachable through the whole run (a quarter of national runs peaked at 4.5 GiB instead of 3.5 that way).
        var outcome = await Task.Run(() => RunToStore(data, selection), cancellationToken);
        return (await StoreAsync(year, selection, data, outcome, started, note, cancellationToken))!;
    }

    // Not in the async method: what it holds would live in its state until the results are stored, and a national
    // year's inputs are more than a gigabyte that storing does not need.
    private static AssessmentEngine.Outcome RunToStore(AssessmentData data, RuleSetSelection selection)
    {
        var prepared = AssessmentEngine.Prepare(data, release: true); // the rows, read only to build the inputs, go as they are used
        return AssessmentEngine.Run(prepared, selection, keepInputs: false, last: true);
    }

    /// <summary>An earlier run computed again with its own versions: its stored results, the recomputed ones, and which differ.</summary>
    public sealed record Reproduction(AssessmentRun Original, IReadOnlyList<AssessmentResult> Stored, IReadOnlyList<AssessmentResult> Recomputed,
        IReadOnlyList<string> Different);

    /// <summary>
    /// Computes run <paramref name="runId"/> (default: the latest of <paramref name="year"/>) again, in memory, with the
    /// rule sets, factor tables and earlier results it used, and compares. Nothing is stored: the run's results stay the
    /// year's results.
    /// </summary>
    public async Task<Reproduction> ReproduceAsync(int year, long? runId = null, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var results = new ResultRepository(session);
        var original = (runId is { } id ? await results.RunAsync(id, cancellationToken) : await results.LatestRunAsync(year, cancellationToken))
                       ?? throw new ArgumentException(string.Format(Resources.Strings.AssessNoRun, year));
        if (original.Year != year)
        {
            throw new ArgumentException(string.Format(Resources.Strings.AssessRunOtherYear, original.Id, original.Year, year));
        }

        IReadOnlyList<AssessmentResult> stored =
            [.. await results.ResultsAsync(original.Id, "institution", cancellationToken), .. await results.ResultsAsync(original.Id, "county", cancellationToken)];
        var (_, outcome) = await RecomputeAsync(session, original, cancellationToken);
        IReadOnlyList<AssessmentResult> recomputed = [.. outcome.Institutions, .. outcome.Counties];
        var storedJson = stored.ToDictionary(result => (result.Level, result.Code), Serialize);
        var recomputedJson = recomputed.ToDictionary(result => (result.Level, result.Code), Serialize);
        var different = storedJson.Keys.Union(recomputedJson.Keys)
            .Where(key => storedJson.GetValueOrDefault(key) != recomputedJson.GetValueOrDefault(key))
            .Select(key => $"{key.Level}/{key.Code}")
            .ToArray();
        return new Reproduction(original, stored, recomputed, different);
    }

    // A run computed again in memory with the rule sets, factor tables and earlier results it used.
    private async Task<(RuleSetSelection Selection, AssessmentEngine.Outcome Outcome)> RecomputeAsync(DbSession session, AssessmentRun run,
        CancellationToken cancellationToken)
    {
        var selection = new RuleSetSelection(RulePublisher.Compile(await new RuleSetRepository(session).GetAsync(run.RuleSets, cancellationToken)), run.Year);
        var factors = await new FactorTableRepository(session).GetAsync(run.FactorTables, cancellationToken);
        var data = await AssessmentData.LoadAsync(database, run.Year, factors, run.Id, cancellationToken);
        return (selection, AssessmentEngine.Run(data, selection));
    }

    private static string Serialize(AssessmentResult result) => System.Text.Json.JsonSerializer.Serialize(result, ResultRepository.Json);

    /// <summary>
    /// Explains the latest result of <paramref name="code"/> in <paramref name="year"/>: recomputes the run with its own
    /// versions and history, and traces every rule of every rule set of the subject's level.
    /// </summary>
    public async Task<Explanation> ExplainAsync(int year, string code, string level = "institution", CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var results = new ResultRepository(session);
        var run = await results.LatestRunAsync(year, cancellationToken) ?? throw new ArgumentException(string.Format(Resources.Strings.AssessNoRun, year));
        var stored = (await results.ResultsAsync(run.Id, level, cancellationToken)).FirstOrDefault(result => result.Code == code)
                     ?? throw new ArgumentException(string.Format(Resources.Strings.ExplainNoResult, code, year));
        var (selection, outcome) = await RecomputeAsync(session, run, cancellationToken);
        var recomputed = (level == "county" ? outcome.Counties : outcome.Institutions).First(result => result.Code == code);
        var inputs = outcome.Inputs[(level, code)];
        var order = new[] { RuleSetKind.DataQuality, RuleSetKind.Scoring, RuleSetKind.Grading, RuleSetKind.Penalty, RuleSetKind.Demonstration, RuleSetKind.Incentive };
        var setLevel = level == "county" ? RuleSetLevel.County : RuleSetLevel.Institution;
        var traces = order.SelectMany(kind => selection.Of(setLevel, kind))
            .SelectMany(set => RuleSetEvaluator.Trace(set, inputs, $"{code} {stored.Name}"))
            .ToArray();
        return new Explanation(run, stored, recomputed, traces);
    }

    /// <summary>
    /// Assesses <paramref name="year"/> twice in memory, with the rule sets in force and with <paramref name="draft"/> in
    /// place of the set of the same id (or beside them), and reports what changes. Nothing is stored.
    /// </summary>
    public async Task<Simulation> SimulateAsync(CompiledRuleSet draft, int year, int movers = 10, CancellationToken cancellationToken = default) =>
        Simulate(await SimulationBaseAsync(year, cancellationToken), draft, movers);

    /// <summary>
    /// Loads <paramref name="year"/>, builds every subject's inputs and assesses it with the rule sets in force: what every
    /// simulation of the year compares against, so that a host can keep it and simulate many drafts on it.
    /// </summary>
    public async Task<SimulationBase> SimulationBaseAsync(int year, CancellationToken cancellationToken = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var inForce = await InForceAsync(year, cancellationToken);
        var data = await AssessmentData.LoadAsync(database, year, cancellationToken: cancellationToken);
        var prepared = AssessmentEngine.Prepare(data);
        var before = AssessmentEngine.Run(prepared, new RuleSetSelection(inForce, year), itemise: false);
        return new SimulationBase(year, inForce, prepared, before, clock.GetUtcNow().UtcDateTime, watch.Elapsed);
    }

    /// <summary>
    /// Assesses the year of <paramref name="basis"/> with <paramref name="draft"/> in place of the set of the same id (or
    /// beside them) and compares with the rule sets in force. Pure: nothing is read or stored.
    /// </summary>
    public static Simulation Simulate(SimulationBase basis, CompiledRuleSet draft, int movers = 10)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var after = AssessmentEngine.Run(basis.Prepared, new RuleSetSelection([.. basis.InForce.Where(set => set.Id != draft.Id), draft], basis.Year), itemise: false);
        var before = basis.Before;
        var level = draft.Level == RuleSetLevel.County ? (before.Counties, after.Counties) : (before.Institutions, after.Institutions);
        var afterByCode = level.Item2.ToDictionary(result => result.Code);
        var pairs = level.Item1.Select(old => (Old: old, New: afterByCode[old.Code])).ToArray();

        static string[] Qualified(AssessmentResult result) => result.Demonstrations.Where(d => d.Qualifies).Select(d => d.Programme).ToArray();
        var moved = pairs.Select(pair => new Mover(pair.Old.Code, pair.Old.Name, pair.Old.County, pair.Old.Score, pair.New.Score, pair.Old.Grade,
                pair.New.Grade, pair.Old.Rank, pair.New.Rank, Qualified(pair.New).Except(Qualified(pair.Old)).ToArray(),
                Qualified(pair.Old).Except(Qualified(pair.New)).ToArray()))
            .ToArray();
        return new Simulation(
            basis.Year,
            draft.VersionKey,
            pairs.Length,
            moved.Count(mover => mover.GradeBefore != mover.GradeAfter),
            moved.Count(mover => mover.RankBefore != mover.RankAfter),
            moved.Count(mover => mover.DemonstrationsGained.Count + mover.DemonstrationsLost.Count > 0),
            level.Item1.GroupBy(result => result.Grade).ToDictionary(group => group.Key, group => group.Count()),
            level.Item2.GroupBy(result => result.Grade).ToDictionary(group => group.Key, group => group.Count()),
            level.Item1.Concat(level.Item2).Where(result => result.Grade.Length > 0).GroupBy(result => result.Grade)
                .ToDictionary(group => group.Key, group => group.First().GradeLabel),
            moved.OrderByDescending(mover => Math.Abs(mover.Delta)).ThenBy(mover => mover.Code, StringComparer.Ordinal).Take(movers).ToArray(),
            watch.Elapsed,
            basis.LoadedAt,
            basis.Loading);
    }

    /// <summary>Every result of run <paramref name="runId"/>, institutions then counties.</summary>
    public async Task<IReadOnlyList<AssessmentResult>> LatestRunResultsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var results = new ResultRepository(session);
        return [.. await results.ResultsAsync(runId, "institution", cancellationToken), .. await results.ResultsAsync(runId, "county", cancellationToken)];
    }

    /// <summary>The latest stored run of <paramref name="year"/> and its results.</summary>
    public async Task<Stored?> LatestAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var results = new ResultRepository(session);
        return await results.LatestRunAsync(year, cancellationToken) is { } run
            ? new Stored(run, await results.ResultsAsync(run.Id, "institution", cancellationToken), await results.ResultsAsync(run.Id, "county", cancellationToken))
            : null;
    }

    /// <summary>Runs <paramref name="year"/> in memory with <paramref name="sets"/> (no storing): for simulations and explanations.</summary>
    public async Task<AssessmentEngine.Outcome> RunInMemoryAsync(int year, IReadOnlyList<CompiledRuleSet> sets, CancellationToken cancellationToken = default)
    {
        var data = await AssessmentData.LoadAsync(database, year, cancellationToken: cancellationToken);
        return AssessmentEngine.Run(data, new RuleSetSelection(sets, year));
    }

    /// <summary>The rule sets in force for <paramref name="year"/>, compiled.</summary>
    public async Task<IReadOnlyList<CompiledRuleSet>> InForceAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return RulePublisher.Compile(await new RuleSetRepository(session).InForceAsync(year, cancellationToken));
    }

    /// <summary>The rule-set versions <paramref name="keys"/> (<c>id@hash</c>, as a run records them), compiled, for <paramref name="year"/>.</summary>
    public async Task<RuleSetSelection> SelectionAsync(IReadOnlyList<string> keys, int year, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return new RuleSetSelection(RulePublisher.Compile(await new RuleSetRepository(session).GetAsync(keys, cancellationToken)), year);
    }

    /// <summary>
    /// Stores an outcome computed elsewhere (the final job of a run split by county) as a run of <paramref name="year"/>.
    /// <paramref name="claim"/>, given the new run's id, runs in the same transaction; when it returns false nothing is
    /// stored and the result is null (the final job of a split run records its key there, so a run is stored once).
    /// </summary>
    public async Task<Stored?> StoreAsync(int year, RuleSetSelection selection, AssessmentData data, AssessmentEngine.Outcome outcome,
        DateTime started, string? note, CancellationToken cancellationToken, Func<DbSession, long, Task<bool>>? claim = null)
    {
        var run = new AssessmentRun(0, year, selection.Keys, data.FactorTableKeys, outcome.Institutions.Count, outcome.Counties.Count,
            started, clock.GetUtcNow().UtcDateTime, note);
        await using var session = await database.OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        var id = await new ResultRepository(session).AddRunAsync(run, [.. outcome.Institutions, .. outcome.Counties], cancellationToken);
        if (claim is not null && !await claim(session, id))
        {
            await session.RollbackAsync(cancellationToken);
            return null;
        }

        await session.CommitAsync(cancellationToken);
        return new Stored(run with { Id = id }, outcome.Institutions, outcome.Counties);
    }
}
