namespace Assessment.Data;

/// <summary>The database engines the application stores its data in.</summary>
public enum DatabaseKind
{
    /// <summary>The embedded default: one SQLite file.</summary>
    Sqlite,
    /// <summary>Microsoft SQL Server, for a province or more.</summary>
    SqlServer,
    /// <summary>PostgreSQL: a server several job servers share (scale-out), with Hangfire's PostgreSQL storage.</summary>
    PostgreSql,
}
