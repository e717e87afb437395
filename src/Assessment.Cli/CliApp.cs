using System.CommandLine;
using System.Globalization;
using System.CommandLine.Invocation;
using Assessment.Cli.Commands;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Import;
using Assessment.Indicators;
using Assessment.Rules;
using Assessment.Workflows;
using Spectre.Console;

namespace Assessment.Cli;

/// <summary>The <c>assessment</c> command: its options, its subcommands, and how their errors reach the user.</summary>
public static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider? clock = null,
        bool interactive = false, CancellationToken cancellationToken = default)
    {
        UseLanguage(args);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 240;
        }

        var context = new CliContext(console, output, error, clock ?? TimeProvider.System);
        var root = Build(context);
        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction onError)
        {
            // The error names what is wrong; the full help on top of it would bury it.
            onError.ShowHelp = false;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(CliText.RootDescription);
        root.Options.Add(context.Db);
        var lang = new Option<string?>("--lang") { Description = CliText.OptionLang, Recursive = true, HelpName = "zh|en" };
        lang.AcceptOnlyFromAmong("zh", "en");
        root.Options.Add(lang);
        root.Subcommands.Add(InitCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(IndicatorsCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(RulesCommand.Create(context));
        root.Subcommands.Add(AssessCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(RankCommand.Create(context));
        root.Subcommands.Add(WorkflowCommand.Create(context));
        root.Subcommands.Add(UsersCommand.Create(context));
        root.Subcommands.Add(JobsCommand.Worker(context));
        root.Subcommands.Add(JobsCommand.Schedule(context));
        root.Subcommands.Add(JobsCommand.Jobs(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        return root;
    }

    /// <summary>
    /// Wraps a command's work so that a failure the user can act on (bad database, bad file, bad factor table) is printed
    /// to standard error as one clear message with exit code 1, never as a stack trace.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Guard(CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        async (parsed, cancellationToken) =>
        {
            try
            {
                return await action(parsed, cancellationToken);
            }
            catch (RuleSetException e)
            {
                foreach (var problem in e.Problems)
                {
                    await context.Error.WriteLineAsync(problem);
                }

                return 1;
            }
            catch (WorkflowException e)
            {
                foreach (var problem in e.Problems)
                {
                    await context.Error.WriteLineAsync($"{CliText.ErrorPrefix}{problem}");
                }

                return 1;
            }
            catch (Exception e) when (e is DatabaseException or FactorTableException or ImportFileException or ArgumentException or RuleEvaluationException
                                          or WorkflowConflictException
                                          or IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                await context.Error.WriteLineAsync($"{CliText.ErrorPrefix}{e.Message}");
                return 1;
            }
            catch (Exception e) when (e is OutOfMemoryException || e is AggregateException all && all.Flatten().InnerExceptions.All(inner => inner is OutOfMemoryException))
            {
                // What the run held is unreachable once its frames are gone: there is room to say so. A transaction in
                // progress was rolled back as its frames unwound.
                GC.Collect();
                await context.Error.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, CliText.OutOfMemory, // as --memory-limit is written
                    GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30)));
                return 1;
            }
        };

    private static void UseLanguage(string[] args)
    {
        // Read before parsing, so that the help and the parse errors are in the chosen language too.
        var index = Array.IndexOf(args, "--lang");
        var lang = index >= 0 && index + 1 < args.Length
            ? args[index + 1]
            : args.FirstOrDefault(arg => arg.StartsWith("--lang=", StringComparison.Ordinal))?["--lang=".Length..]
              ?? Environment.GetEnvironmentVariable("ASSESSMENT_LANG");
        var culture = CultureInfo.GetCultureInfo(lang?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en" : "zh-CN");
        CultureInfo.CurrentUICulture = culture;
    }
}
