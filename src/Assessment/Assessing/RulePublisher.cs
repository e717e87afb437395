using Assessment.Data;
using Assessment.Resources;
using Assessment.Rules;

namespace Assessment.Assessing;

/// <summary>Publishes rule sets: only sets that pass every check (schema, compilation, points, examples) are stored.</summary>
public static class RulePublisher
{
    /// <summary>What publishing did: the sets checked, and which were stored as new versions.</summary>
    public sealed record Outcome(IReadOnlyList<CompiledRuleSet> Sets, IReadOnlyList<string> NewVersions);

    /// <summary>Checks <paramref name="path"/> (a file or a folder) and stores its sets; throws <see cref="RuleSetException"/> and stores nothing if any fails.</summary>
    public static async Task<Outcome> PublishAsync(Database database, string path, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var checks = RuleSetValidation.Check(path);
        var problems = checks.SelectMany(check => check.Problems).ToArray();
        if (problems.Length > 0)
        {
            throw new RuleSetException(problems);
        }

        var sets = checks.Select(check => check.RuleSet!).ToArray();
        await using var session = await database.OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        var repository = new RuleSetRepository(session);
        var added = new List<string>();
        foreach (var set in sets)
        {
            if (await repository.PublishAsync(set, clock.GetUtcNow().UtcDateTime, cancellationToken))
            {
                added.Add(set.VersionKey);
            }
        }

        await session.CommitAsync(cancellationToken);
        return new Outcome(sets, added);
    }

    /// <summary>Compiles stored versions again (they passed every check when published).</summary>
    public static IReadOnlyList<CompiledRuleSet> Compile(IEnumerable<StoredRuleSet> stored) =>
        stored.Select(row => RuleSetReader.Parse(row.Document, string.Format(Strings.RuleSetStoredSource, row.RuleSetId, row.ContentHash[..12]))).ToArray();
}
