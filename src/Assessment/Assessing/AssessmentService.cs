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
        var data = await AssessmentData.LoadAsync(database, year, cancellationToken: cancellationToken);
        var outcome = AssessmentEngine.Run(data, selection);
        return await StoreAsync(year, selection, data, outcome, started, note, cancellationToken);
    }

    /// <summary>Assesses <paramref name="year"/> again with the rule sets, factor tables and history of run <paramref name="runId"/> (default: the latest).</summary>
    public async Task<(Stored Again, AssessmentRun Original)> ReproduceAsync(int year, long? runId = null, CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        await using var session = await database.OpenAsync(cancellationToken);
        var results = new ResultRepository(session);
        var original = (runId is { } id ? await results.RunAsync(id, cancellationToken) : await results.LatestRunAsync(year, cancellationToken))
                       ?? throw new ArgumentException(string.Format(Resources.Strings.AssessNoRun, year));
        var sets = RulePublisher.Compile(await new RuleSetRepository(session).GetAsync(original.RuleSets, cancellationToken));
        var factors = await new FactorTableRepository(session).GetAsync(original.FactorTables, cancellationToken);
        var selection = new RuleSetSelection(sets, original.Year);
        var data = await AssessmentData.LoadAsync(database, original.Year, factors, original.Id, cancellationToken);
        var outcome = AssessmentEngine.Run(data, selection);
        var note = string.Format(Resources.Strings.AssessReproduces, original.Id);
        return (await StoreAsync(original.Year, selection, data, outcome, started, note, cancellationToken), original);
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

    private async Task<Stored> StoreAsync(int year, RuleSetSelection selection, AssessmentData data, AssessmentEngine.Outcome outcome,
        DateTime started, string? note, CancellationToken cancellationToken)
    {
        var run = new AssessmentRun(0, year, selection.Keys, data.FactorTableKeys, outcome.Institutions.Count, outcome.Counties.Count,
            started, clock.GetUtcNow().UtcDateTime, note);
        await using var session = await database.OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        var id = await new ResultRepository(session).AddRunAsync(run, [.. outcome.Institutions, .. outcome.Counties], cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new Stored(run with { Id = id }, outcome.Institutions, outcome.Counties);
    }
}
