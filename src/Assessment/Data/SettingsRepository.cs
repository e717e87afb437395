using Dapper;

namespace Assessment.Data;

/// <summary>Named settings of the database: the prefecture's name, whether it holds demo data.</summary>
public sealed class SettingsRepository(DbSession session)
{
    /// <summary>The prefecture's name, shown on prefecture-level rows.</summary>
    public const string PrefectureName = "prefecture.name";

    /// <summary>Set to the seed when the database was made by <c>assessment demo</c>.</summary>
    public const string DemoSeed = "demo.seed";

    /// <summary>The value of <paramref name="name"/>, or null.</summary>
    public Task<string?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(
            new CommandDefinition("SELECT value FROM settings WHERE name = @name", new { name }, session.Transaction,
                cancellationToken: cancellationToken));

    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    public Task SetAsync(string name, string value, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(
            new CommandDefinition(session.Dialect.Upsert("settings", ["name"], ["value"]), new { name, value }, session.Transaction,
                cancellationToken: cancellationToken));
}
