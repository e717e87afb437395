using System.CommandLine;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment users list|add</c>: who acts in the workflows, in which role and for whom.</summary>
public static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("users", CliText.UsersDescription);

        var list = new Command("list", CliText.UsersListDescription);
        list.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            await using var session = await database.OpenAsync(cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumn(CliText.WorkflowActor).AddColumn(Strings.Label_Name)
                .AddColumn(CliText.WorkflowRoleColumn).AddColumn(CliText.WorkflowScopeColumn);
            foreach (var user in await new UserRepository(session).ListAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(user.Username), Markup.Escape(user.DisplayName), user.RoleCode, Markup.Escape(user.Scope ?? ""));
            }

            context.Console.Write(table);
            return 0;
        }));

        var username = new Argument<string>("USERNAME") { Description = CliText.UsersUsername };
        var role = new Option<string>("--role") { Description = CliText.UsersRole, Required = true };
        role.AcceptOnlyFromAmong("bureau", "county", "institution", "leader");
        var scope = new Option<string?>("--scope") { Description = CliText.WorkflowScope };
        var displayName = new Option<string?>("--name") { Description = CliText.UsersName };
        var add = new Command("add", CliText.UsersAddDescription) { username, role, scope, displayName };
        add.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var name = parsed.GetValue(username)!;
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9._-]{1,64}$") || name == User.System.Username)
            {
                throw new ArgumentException(string.Format(CliText.UsersNameReserved, name));
            }

            var userRole = Enum.Parse<UserRole>(parsed.GetValue(role)!, ignoreCase: true);
            var userScope = parsed.GetValue(scope);
            await using var session = await database.OpenAsync(cancellationToken);
            if (!await new UserRepository(session).ScopeFitsAsync(userRole, userScope, cancellationToken))
            {
                throw new ArgumentException(string.Format(CliText.UsersScopeInvalid, userRole.ToString().ToLowerInvariant(), userScope));
            }

            // Without --name, a user added again keeps the name given before.
            var existing = await new UserRepository(session).GetAsync(name, cancellationToken);
            var user = new User(name, parsed.GetValue(displayName) ?? existing?.DisplayName ?? name, userRole, userScope);
            await new UserRepository(session).UpsertAsync([user], context.Clock.GetUtcNow().UtcDateTime, cancellationToken);
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.UsersAdded, user.Username, user.RoleCode, user.Scope)));
            return 0;
        }));

        var who = new Argument<string>("USERNAME") { Description = CliText.UsersUsername };
        var password = new Option<string?>("--password") { Description = CliText.UsersPasswordOption };
        var setPassword = new Command("password", CliText.UsersPasswordDescription) { who, password };
        setPassword.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            // From the option for scripts, otherwise the first line of standard input (not echoed, not in the shell's history).
            var secret = parsed.GetValue(password) ?? Console.In.ReadLine() ?? "";
            await new Assessment.Accounts.AccountService(database, context.Clock).SetPasswordAsync(parsed.GetValue(who)!, secret, cancellationToken);
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.UsersPasswordSet, parsed.GetValue(who))));
            return 0;
        }));

        command.Subcommands.Add(list);
        command.Subcommands.Add(add);
        command.Subcommands.Add(setPassword);
        return command;
    }
}
