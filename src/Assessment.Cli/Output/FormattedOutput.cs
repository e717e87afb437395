using Assessment.Cli.Resources;
using Spectre.Console;

namespace Assessment.Cli;

/// <summary>
/// Writes rows in the format asked for — a table on the terminal, or table, JSON or CSV to standard output or a file
/// (CSV files with a byte-order mark for Excel; a file is written whole or not at all) — and says where a file went.
/// </summary>
public sealed record FormattedOutput(Func<Table> Table, Action<TextWriter> Json, Action<TextWriter> Csv, int Count)
{
    public async Task WriteAsync(CliContext context, string format, string? path)
    {
        if (format == "table" && path is null)
        {
            context.Console.Write(Table());
            return;
        }

        if (path is null)
        {
            Write(context.Output, format);
        }
        else
        {
            await OutputFile.WriteAsync(path, async stream =>
            {
                await using var writer = IndicatorOutput.FileWriter(stream, byteOrderMark: format == "csv");
                Write(writer, format);
            });
        }

        Written(context, path);
    }

    private void Write(TextWriter target, string format)
    {
        switch (format)
        {
            case "json":
                Json(target);
                break;
            case "csv":
                Csv(target);
                break;
            default:
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(target), Ansi = AnsiSupport.No });
                console.Profile.Width = 400;
                console.Write(Table());
                break;
        }
    }

    /// <summary>Tells where a file went.</summary>
    public void Written(CliContext context, string? path)
    {
        if (path is not null)
        {
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.Written, Count, path)));
        }
    }
}
