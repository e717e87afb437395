using System.Diagnostics;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;

namespace Assessment.Tests.Cli;

/// <summary>
/// <c>assess --memory-limit</c> bounds the whole process's heap, so it is run as the real command in a process of its
/// own: a run that needs more says so in one line and stores nothing; one within it is stored; a limit that cannot be
/// is refused.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class MemoryLimitTests(DemoFixture demo)
{
    [Fact]
    public async Task A_run_over_its_memory_limit_says_so_and_stores_nothing_and_one_within_it_is_stored()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        Task<long> RunsAsync() => database.CountAsync("SELECT COUNT(*) FROM assessment_runs");

        var before = await RunsAsync();

        // The demo's year needs some 20–40 MB of heap; 12 MB is not enough (below 10 MB the runtime itself cannot run). The
        // number is read the same where the locale writes decimals with a comma (not as 12 GiB).
        var over = await AssessAsync(temp.Path, "0.012", locale: "de_DE.UTF-8");
        Assert.Equal(1, over.ExitCode);
        Assert.StartsWith("Out of memory: more was needed than the 0.012 GiB", over.Error);
        Assert.DoesNotContain("   at ", over.Error); // no stack trace
        Assert.Equal(before, await RunsAsync());

        var within = await AssessAsync(temp.Path, "1");
        Assert.Equal(0, within.ExitCode);
        Assert.Equal("", within.Error);
        Assert.Equal(before + 1, await RunsAsync());

        foreach (var refused in new[] { "0", "-1", "0.001", "NaN", "1,5", "2000000" })
        {
            var run = await AssessAsync(temp.Path, refused);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"--memory-limit {refused}:", run.Error);
        }

        Assert.Equal(before + 1, await RunsAsync());
    }

    private static async Task<(int ExitCode, string Output, string Error)> AssessAsync(string db, string limit, string? locale = null)
    {
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "assessment.dll"), "assess", "--year", "2025", "--db", db, "--memory-limit", limit, "--lang", "en"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        if (locale is not null)
        {
            start.Environment["LANG"] = locale;
            start.Environment["LC_ALL"] = locale;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, (await error).Trim());
    }
}
