using System.CommandLine;
using Assessment.Cli.Resources;
using Assessment.Data;
using Spectre.Console;

namespace Assessment.Cli;

/// <summary>What every command is given: where to write, the clock, and the database named by <c>--db</c>.</summary>
public sealed class CliContext(IAnsiConsole console, TextWriter output, TextWriter error, TimeProvider clock)
{
    /// <summary>Tables and progress for people.</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary>Standard output as plain text, for JSON and CSV.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Standard error: every error message goes here.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The clock imports and the demo stamp their rows with.</summary>
    public TimeProvider Clock { get; } = clock;

    /// <summary>Whether progress bars can be drawn (an interactive terminal).</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/> under a spinner on an interactive terminal; plainly otherwise.</summary>
    public Task<T> WithStatusAsync<T>(string text, Func<Task<T>> work) =>
        Interactive ? Console.Status().StartAsync(Markup.Escape(text), _ => work()) : work();

    /// <summary>The option every command takes: the SQLite file or the SQL Server connection string.</summary>
    public Option<string?> Db { get; } = new("--db")
    {
        Description = CliText.OptionDb,
        Recursive = true,
        HelpName = "PATH|CONNECTION",
    };

    /// <summary>The database named by <c>--db</c> on the command line.</summary>
    public DatabaseTarget Target(ParseResult parsed) => DatabaseTarget.Parse(parsed.GetValue(Db));
}
