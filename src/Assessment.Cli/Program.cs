using System.Text;
using Assessment.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System,
    interactive: !Console.IsOutputRedirected, cancellationToken: cancellation.Token);
