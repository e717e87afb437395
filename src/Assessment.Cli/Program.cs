using System.Text;
using Assessment.Cli;

Console.OutputEncoding = Encoding.UTF8;
// Not disposed: the command line's own Ctrl+C handling can end Main before this handler runs, which then must not
// find the source disposed (a simulator stopped with Ctrl+C crashed so now and then).
var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System,
    interactive: !Console.IsOutputRedirected, cancellationToken: cancellation.Token);
