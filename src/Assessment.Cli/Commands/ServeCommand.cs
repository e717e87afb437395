using System.CommandLine;
using Assessment.Cli.Resources;
using Assessment.Web;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment serve [--urls URL] [--demo]</c>: the web application, as <c>dotnet run --project src/Assessment.Web</c> starts it.</summary>
public static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string?>("--urls") { Description = CliText.ServeUrls, HelpName = "URL" };
        var demo = new Option<bool>("--demo") { Description = CliText.ServeDemo };
        var command = new Command("serve", CliText.ServeDescription) { urls, demo };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var args = new List<string>();
            if (parsed.GetValue(context.Db) is { } db)
            {
                args.AddRange(["--db", db]);
            }

            if (parsed.GetValue(urls) is { } address)
            {
                args.AddRange(["--urls", address]);
            }

            if (parsed.GetValue(demo))
            {
                args.Add("--demo");
            }

            await using var app = await WebApp.CreateAsync([.. args], context.Clock);
            await app.StartAsync(cancellationToken);
            await context.Output.WriteLineAsync(string.Format(CliText.ServeListening, string.Join(", ", app.Urls)));
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving.
            }

            await app.StopAsync(CancellationToken.None);
            return 0;
        }));
        return command;
    }
}
