using Assessment.Indicators;
using Assessment.Resources;
using Assessment.Rules;

namespace Assessment.Data;

/// <summary>Creates or upgrades a database and loads the factor tables into it (<c>assessment init</c>).</summary>
public static class DatabaseSetup
{
    /// <summary>What <see cref="InitAsync"/> did.</summary>
    public sealed record Outcome(IReadOnlyList<string> ScriptsApplied, IReadOnlyList<FactorTable> FactorTables, int FactorTablesNew);

    /// <summary>
    /// Applies the schema scripts not yet applied, then makes the tables of <paramref name="factorDirectory"/> (default
    /// <c>rules/factors</c>) the current factor tables; the prefecture's name is set when given.
    /// </summary>
    public static async Task<Outcome> InitAsync(Database database, string? factorDirectory, string? prefectureName, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        var files = FactorTableReader.ReadDirectory(factorDirectory ?? RulesDirectory.Factors()
            ?? throw new FactorTableException([string.Format(Strings.FactorDirectoryMissing, "rules/factors")]));
        var scripts = database.Migrate();
        await using var session = await database.OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        var added = await new FactorTableRepository(session).ReplaceCurrentAsync(files, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (!string.IsNullOrWhiteSpace(prefectureName))
        {
            await new SettingsRepository(session).SetAsync(SettingsRepository.PrefectureName, prefectureName.Trim(), cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        return new Outcome(scripts, files.Select(file => file.Table).ToArray(), added);
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
