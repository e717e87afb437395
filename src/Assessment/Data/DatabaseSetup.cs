using Assessment.Indicators;
using Assessment.Resources;
using Assessment.Rules;

namespace Assessment.Data;

/// <summary>Creates or upgrades a database and loads the factor tables into it (<c>assessment init</c>).</summary>
public static class DatabaseSetup
{
    /// <summary>What <see cref="InitAsync"/> did.</summary>
    public sealed record Outcome(IReadOnlyList<string> ScriptsApplied, IReadOnlyList<FactorTable> FactorTables, int FactorTablesNew,
        IReadOnlyList<CompiledRuleSet> RuleSets, int RuleSetsNew);

    /// <summary>
    /// Applies the schema scripts not yet applied, makes the tables of <paramref name="factorDirectory"/> (default
    /// <c>rules/factors</c>) the current factor tables, and publishes <paramref name="ruleSets"/> (default: those of
    /// <c>rules/</c>; none when empty); the prefecture's name is set when given. Files are checked before anything is written.
    /// </summary>
    public static async Task<Outcome> InitAsync(Database database, string? factorDirectory, string? prefectureName, TimeProvider clock,
        IReadOnlyList<CompiledRuleSet>? ruleSets = null, CancellationToken cancellationToken = default)
    {
        var files = FactorTableReader.ReadDirectory(factorDirectory ?? RulesDirectory.Factors()
            ?? throw new FactorTableException([string.Format(Strings.FactorDirectoryMissing, "rules/factors")]));
        ruleSets ??= ShippedRuleSets(RulesDirectory.Find());
        var scripts = database.Migrate();
        await using var session = await database.OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        var added = await new FactorTableRepository(session).ReplaceCurrentAsync(files, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var published = 0;
        foreach (var set in ruleSets)
        {
            published += await new RuleSetRepository(session).PublishAsync(set, clock.GetUtcNow().UtcDateTime, cancellationToken) ? 1 : 0;
        }

        if (!string.IsNullOrWhiteSpace(prefectureName))
        {
            await new SettingsRepository(session).SetAsync(SettingsRepository.PrefectureName, prefectureName.Trim(), cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        return new Outcome(scripts, files.Select(file => file.Table).ToArray(), added, ruleSets, published);
    }

    /// <summary>The rule sets of a folder, every one checked with its examples; none when there is no folder or no file.</summary>
    public static IReadOnlyList<CompiledRuleSet> ShippedRuleSets(string? directory)
    {
        if (directory is null || !Directory.Exists(directory) || !Directory.EnumerateFiles(directory, "*.json").Any())
        {
            return [];
        }

        var checks = RuleSetValidation.Check(directory);
        var problems = checks.SelectMany(check => check.Problems).ToArray();
        return problems.Length > 0 ? throw new RuleSetException(problems) : checks.Select(check => check.RuleSet!).ToArray();
    }

    /// <summary>Opens an existing database for a command that reads or adds data: applies new schema scripts, never creates one.</summary>
    public static Database OpenExisting(DatabaseTarget target)
    {
        var database = new Database(target);
        if (!database.Exists)
        {
            throw new DatabaseException(string.Format(Strings.DatabaseMissing, target.Display));
        }

        database.Migrate();
        return database;
    }
}
