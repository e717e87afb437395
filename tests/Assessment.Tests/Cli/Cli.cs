using Assessment.Cli;
using Assessment.Tests.Support;

namespace Assessment.Tests.Cli;

/// <summary>Runs the <c>assessment</c> command in this process and keeps what it wrote.</summary>
public sealed record Cli(int ExitCode, string Output, string Error)
{
    public static async Task<Cli> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, FixedClock.Default);
        return new Cli(code, output.ToString(), error.ToString());
    }
}
