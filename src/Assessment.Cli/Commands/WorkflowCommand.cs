using System.CommandLine;
using System.Globalization;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;
using Assessment.Rules;
using Assessment.Scheduling;
using Assessment.Workflows;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment workflow open|inbox|fire|history|diagram|status</c>: the year's assessment, step by step, by role.</summary>
public static class WorkflowCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("workflow", CliText.WorkflowDescription);
        command.Subcommands.Add(Open(context));
        command.Subcommands.Add(Inbox(context));
        command.Subcommands.Add(Fire(context));
        command.Subcommands.Add(History(context));
        command.Subcommands.Add(Diagram(context));
        command.Subcommands.Add(Status(context));
        return command;
    }

    private static Option<string?> Definitions() => new("--definitions") { Description = CliText.WorkflowDefinitions, HelpName = "DIR" };

    private static string DefinitionsFolder(string? given) =>
        given ?? RulesDirectory.Workflows() ?? throw new WorkflowException(string.Format(Strings.WorkflowFolderMissing, "workflows"));

    private static Command Open(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        year.Required = true;
        var definitions = Definitions();
        var command = new Command("open", CliText.WorkflowOpenDescription) { year, definitions };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var opened = await new WorkflowService(database, context.Clock).OpenYearAsync(CliOptions.Required(parsed, year),
                DefinitionsFolder(parsed.GetValue(definitions)), cancellationToken);
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.WorkflowOpened, opened.Year, opened.Institutions, opened.Counties, opened.Created)));
            return 0;
        }));
        return command;
    }

    private static Command Inbox(CliContext context)
    {
        var role = new Option<string?>("--role") { Description = CliText.WorkflowRole };
        role.AcceptOnlyFromAmong("bureau", "county", "institution", "system");
        var scope = new Option<string?>("--scope") { Description = CliText.WorkflowScope };
        var user = new Option<string?>("--as") { Description = CliText.WorkflowAs, HelpName = "USER" };
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var command = new Command("inbox", CliText.WorkflowInboxDescription) { role, scope, user, year };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            User who;
            if (parsed.GetValue(user) is { } username)
            {
                if (parsed.GetValue(role) is not null || parsed.GetValue(scope) is not null)
                {
                    throw new ArgumentException(CliText.WorkflowRoleAndUser);
                }

                await using var session = await database.OpenAsync(cancellationToken);
                who = await new UserRepository(session).GetAsync(username, cancellationToken)
                      ?? throw new WorkflowException(string.Format(Strings.WorkflowUserUnknown, username));
            }
            else
            {
                var asRole = Enum.Parse<UserRole>(parsed.GetValue(role) ?? throw new ArgumentException(CliText.WorkflowRoleOrUser), true);
                var asScope = parsed.GetValue(scope);
                await using var session = await database.OpenAsync(cancellationToken);
                if (!await new UserRepository(session).ScopeFitsAsync(asRole, asScope, cancellationToken))
                {
                    throw new ArgumentException(string.Format(CliText.UsersScopeInvalid, asRole.ToString().ToLowerInvariant(), asScope));
                }

                who = new User("-", "-", asRole, asScope);
            }

            var items = await new WorkflowService(database, context.Clock).InboxAsync(who, parsed.GetValue(year), cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(string.Format(CliText.WorkflowInboxTitle, items.Count)));
            table.AddColumn("#").AddColumn(Strings.Label_Code).AddColumn(Strings.Label_Name).AddColumn(CliText.WorkflowYear)
                .AddColumn(CliText.WorkflowState).AddColumn(CliText.WorkflowTriggers).AddColumn(CliText.WorkflowDeadline);
            foreach (var item in items)
            {
                table.AddRow(item.Instance.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Instance.SubjectCode), Markup.Escape(item.SubjectName),
                    item.Instance.Year.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.StateLabel),
                    Markup.Escape(string.Join(", ", item.Triggers.Select(trigger => $"{trigger.Id} ({trigger.Label.Current})"))),
                    item.Deadline is { } deadline
                        ? item.Overdue ? $"[red]{deadline:yyyy-MM-dd} {Markup.Escape(CliText.WorkflowOverdue)}[/]" : $"{deadline:yyyy-MM-dd}"
                        : "");
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Fire(CliContext context)
    {
        var instance = new Option<long>("--instance") { Description = CliText.WorkflowInstance, Required = true };
        var trigger = new Option<string>("--trigger") { Description = CliText.WorkflowTrigger, Required = true };
        var user = new Option<string>("--as") { Description = CliText.WorkflowAs, Required = true, HelpName = "USER" };
        var comment = new Option<string?>("--comment") { Description = CliText.WorkflowComment };
        var command = new Command("fire", CliText.WorkflowFireDescription) { instance, trigger, user, comment };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var service = new WorkflowService(database, context.Clock);
            var transition = await service.FireAsync(parsed.GetValue(instance), parsed.GetValue(trigger)!, parsed.GetValue(user)!, parsed.GetValue(comment),
                cancellationToken);
            var (_, definition, _) = await service.HistoryAsync(transition.InstanceId, cancellationToken);
            string Label(string state) => definition.State(state)?.Label.Current ?? state;
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.WorkflowFired, transition.InstanceId,
                definition.Trigger(transition.Trigger)?.Label.Current ?? transition.Trigger, Label(transition.From), Label(transition.To), transition.Actor)));
            return 0;
        }));
        return command;
    }

    private static Command History(CliContext context)
    {
        var instance = new Option<long>("--instance") { Description = CliText.WorkflowInstance, Required = true };
        var command = new Command("history", CliText.WorkflowHistoryDescription) { instance };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var (found, definition, transitions) = await new WorkflowService(database, context.Clock).HistoryAsync(parsed.GetValue(instance), cancellationToken);
            string Label(string state) => definition.State(state)?.Label.Current ?? state;
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(
                $"#{found.Id} {definition.Title.Current} · {found.SubjectCode} · {found.Year} · {Label(found.State)}"));
            table.AddColumn(CliText.WorkflowTime).AddColumn(CliText.WorkflowActor).AddColumn(CliText.WorkflowTrigger)
                .AddColumn(CliText.WorkflowFrom).AddColumn(CliText.WorkflowTo).AddColumn(CliText.WorkflowComment);
            foreach (var transition in transitions)
            {
                table.AddRow(ScheduledJobs.Display(transition.At), Markup.Escape($"{transition.Actor} ({UserRoles.Label(transition.Role)})"),
                    Markup.Escape(definition.Trigger(transition.Trigger)?.Label.Current ?? transition.Trigger), Markup.Escape(Label(transition.From)),
                    Markup.Escape(Label(transition.To)), Markup.Escape(transition.Comment ?? ""));
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Diagram(CliContext context)
    {
        var name = new Argument<string?>("NAME") { Description = CliText.WorkflowName, Arity = ArgumentArity.ZeroOrOne };
        var instance = new Option<long?>("--instance") { Description = CliText.WorkflowInstance };
        var definitions = Definitions();
        var command = new Command("diagram", CliText.WorkflowDiagramDescription) { name, instance, definitions };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(instance) is { } id)
            {
                if (parsed.GetValue(name) is not null)
                {
                    throw new ArgumentException(CliText.WorkflowNameAndInstance);
                }

                var database = DatabaseSetup.OpenExisting(context.Target(parsed));
                var (found, definition, _) = await new WorkflowService(database, context.Clock).HistoryAsync(id, cancellationToken);
                await context.Output.WriteAsync(WorkflowMachine.Diagram(definition, found.State));
                return 0;
            }

            var wanted = parsed.GetValue(name) ?? throw new ArgumentException(CliText.WorkflowNameOrInstance);
            var loaded = WorkflowReader.ReadDirectory(DefinitionsFolder(parsed.GetValue(definitions)), WorkflowReader.AnyRuleSet)
                .FirstOrDefault(item => item.Definition.DefinitionId == wanted || Path.GetFileNameWithoutExtension(item.Source) == wanted)
                ?? throw new WorkflowException(string.Format(CliText.WorkflowNameUnknown, wanted));
            await context.Output.WriteAsync(WorkflowMachine.Diagram(loaded.Definition));
            return 0;
        }));
        return command;
    }

    private static Command Status(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        year.Required = true;
        var command = new Command("status", CliText.WorkflowStatusDescription) { year };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var status = await new WorkflowService(database, context.Clock).StatusAsync(CliOptions.Required(parsed, year), cancellationToken);
            if (status.Counties.Count == 0)
            {
                throw new ArgumentException(string.Format(CliText.WorkflowStatusNone, CliOptions.Required(parsed, year)));
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn(Strings.Label_County);
            foreach (var state in status.States)
            {
                table.AddColumn(new TableColumn(Markup.Escape(state)).RightAligned());
            }

            table.AddColumn(CliText.WorkflowStatusCounty);
            foreach (var row in status.Counties)
            {
                table.AddRow([Markup.Escape(row.County), .. status.States.Select(state => row.States.GetValueOrDefault(state).ToString(CultureInfo.InvariantCulture)),
                    Markup.Escape(row.CountyState ?? "")]);
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }
}
