using System.Text.RegularExpressions;
using Assessment.Cli.Simulator;
using Assessment.Data;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;

namespace Assessment.Tests.Cli;

/// <summary>
/// <c>assessment rules simulator</c> keeps a year and answers <c>rules simulate</c> on the same database over its
/// socket: the answers equal the command's own (<c>--local</c>), a broken draft's problems are the same, a commit is
/// read again once the database settles, a second simulator is refused, and without a simulator (stopped, or killed
/// leaving its socket) the command reads the year itself.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed partial class SimulatorTests(DemoFixture demo)
{
    [Fact]
    public async Task Simulate_is_answered_by_a_running_simulator_as_it_would_answer_itself_and_without_one_reads_the_year()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var socket = SimulatorChannel.SocketPath(DatabaseTarget.Sqlite(temp.Path));
        var draft = temp.File("draft.json");
        var text = File.ReadAllText(Repository.Fixture("rules", "institution-assessment-2025.json"));
        File.WriteAllText(draft, text.Replace("q.EnergyPerArea.Guide, q.EnergyPerArea.Constraint", "q.EnergyPerArea.Guide * 0.95, q.EnergyPerArea.Constraint",
            StringComparison.Ordinal)); // 5 % stricter: some grades and ranks change
        Task<Cli> SimulateAsync(params string[] more) => Cli.RunAsync(["rules", "simulate", draft, "--year", "2025", "--db", temp.Path, .. more]);

        var log = new SharedWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var simulator = Assessment.Cli.CliApp.RunAsync(["rules", "simulator", "--year", "2025", "--idle-minutes", "0", "--db", temp.Path], log, log,
            FixedClock.Default, cancellationToken: stop.Token);
        await log.WaitForAsync("模拟服务已就绪", 1, simulator);
        Assert.Contains("已读取 2025 年数据并预热", log.Text);
        Assert.True(File.Exists(socket));

        // Answered on the year kept, as the command itself answers after reading it.
        var served = await SimulateAsync();
        var local = await SimulateAsync("--local");
        Assert.Equal(0, served.ExitCode);
        Assert.Equal("", served.Error);
        Assert.Contains("由模拟服务作答", served.Output);
        Assert.Contains("沿用", served.Output);
        Assert.DoesNotContain("由模拟服务作答", local.Output);
        Assert.Contains("另读取该年数据", local.Output);
        Assert.DoesNotContain("等级变化 0，排名变化 0", served.Output);
        Assert.Equal(Comparable(local.Output), Comparable(served.Output));

        // A draft that fails its checks: the same problems, the same exit code.
        File.WriteAllText(draft, "{ not json");
        var broken = await SimulateAsync();
        var brokenLocal = await SimulateAsync("--local");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("draft.json", broken.Error);
        Assert.Equal(brokenLocal.Error, broken.Error);
        Assert.Equal(brokenLocal.ExitCode, broken.ExitCode);

        // A commit by another process: read again once the database is quiet, and the answers follow it.
        File.WriteAllText(draft, text);
        await using (var session = await database.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(session.Connection, "UPDATE checklist SET points = 0 WHERE year = 2025");
        }

        await log.WaitForAsync("已重新读取 2025 年数据", 1, simulator);
        var after = await SimulateAsync();
        Assert.Contains("由模拟服务作答", after.Output);
        Assert.Contains("沿用", after.Output);
        Assert.NotEqual(Grades(served.Output), Grades(after.Output)); // every checklist point gone: fewer good grades
        Assert.Equal(Comparable((await SimulateAsync("--local")).Output), Comparable(after.Output));

        // One simulator per database.
        var second = await Cli.RunAsync("rules", "simulator", "--db", temp.Path);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("已有模拟服务在运行", second.Error);

        await stop.CancelAsync();
        Assert.Equal(0, await simulator);
        Assert.False(File.Exists(socket));
        var alone = await SimulateAsync();
        Assert.Equal(0, alone.ExitCode);
        Assert.DoesNotContain("由模拟服务作答", alone.Output);

        // A socket left by a simulator that was killed: nobody answers it, the command reads the year itself, and a new
        // simulator takes its place.
        await KilledSimulatorAsync(temp.Path);
        Assert.True(File.Exists(socket));
        var orphaned = await SimulateAsync();
        Assert.Equal(0, orphaned.ExitCode);
        Assert.DoesNotContain("由模拟服务作答", orphaned.Output);
        Assert.Contains("模拟服务没有应答", orphaned.Error); // said, so that the seconds it takes are explained
        var restartLog = new SharedWriter();
        using var stopAgain = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var restarted = Assessment.Cli.CliApp.RunAsync(["rules", "simulator", "--db", temp.Path], restartLog, restartLog, FixedClock.Default,
            cancellationToken: stopAgain.Token);
        await restartLog.WaitForAsync("模拟服务已就绪", 1, restarted);
        var first = await SimulateAsync(); // no --year: the first request reads it
        Assert.Contains("由模拟服务作答", first.Output);
        Assert.Contains("另读取该年数据", first.Output);
        await stopAgain.CancelAsync();
        Assert.Equal(0, await restarted);
    }

    // A real simulator process, killed (SIGKILL) once it is ready: its socket stays behind.
    private static async Task KilledSimulatorAsync(string db)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "assessment.dll"), "rules", "simulator", "--db", db, "--lang", "en"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("Simulator ready", StringComparison.Ordinal))
            {
            }
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    public async Task An_idle_time_that_is_not_a_whole_number_of_minutes_is_refused(string minutes)
    {
        var run = await Cli.RunAsync("rules", "simulator", "--idle-minutes", minutes, "--db", demo.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"--idle-minutes {minutes}", run.Error);
    }

    // The output without the lines that differ by how it was answered (timings, when the year was read, who answered).
    private static string Comparable(string output) =>
        string.Join('\n', output.Split('\n').Where(line => !line.Contains("由模拟服务作答", StringComparison.Ordinal))
            .Select(line => TimingPart().Replace(line, "")));

    private static string Grades(string output) => output[..output.IndexOf("编码", StringComparison.Ordinal)];

    [GeneratedRegex("（模拟用时.*）")]
    private static partial Regex TimingPart();
}
