using Assessment.Scheduling;

namespace Assessment.Web;

/// <summary>
/// How the web host runs (section <c>Assessment</c> of the configuration, or <c>--db</c>, <c>--urls</c>, <c>--demo</c>
/// on the command line). Every setting has a default: with none, it serves <c>data/assessment.db</c> on 127.0.0.1:5080.
/// </summary>
public sealed class WebSettings
{
    /// <summary>The default address: loopback only, so that nothing is exposed by accident.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The SQLite file or SQL Server connection string (as <c>--db</c> of the command).</summary>
    public string? Db { get; set; }

    /// <summary>Fill an empty database (or one holding only an earlier demo) with the demo prefecture and accounts.</summary>
    public bool Demo { get; set; }

    /// <summary>Where Hangfire keeps its jobs; default: a file beside a SQLite database, the database itself on SQL Server.</summary>
    public JobStore? JobStore { get; set; }

    /// <summary>Whether this host runs a Hangfire server (the dashboard is there either way).</summary>
    public bool Jobs { get; set; } = true;

    /// <summary>Largest upload accepted, in bytes.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;
}
