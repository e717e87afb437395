using System.Diagnostics;
using System.Globalization;
using System.Text;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Rules;

namespace Assessment.Bench;

/// <summary>
/// Simulates a draft of the 100-point rule set (guide values 5 % stricter) over a demo prefecture of N institutions,
/// as the CLI does (read the year, assess it with the rule sets in force, assess it with the draft) and as the web
/// editor does once the year is kept (the draft only); then runs the real command, <c>assessment rules simulate
/// --watch</c>, in its own process (built in Release first) and measures from saving a draft to its answer. Usage:
///   dotnet run -c Release --project bench/Assessment.Bench -- simulation [--institutions 30000] [--db FILE] [--repeats 5]
/// Without --db the demo is built into bench/data/demo-N.db (kept for the next run: about 2 minutes for 30,000 here).
/// </summary>
public static class SimulationBench
{
    public static async Task<int> RunAsync(string root, int institutions, string? db, int repeats)
    {
        var path = db ?? Path.Combine(root, "bench", "data", $"demo-{institutions}.db");
        var database = new Database(new DatabaseTarget(DatabaseKind.Sqlite, $"Data Source={path}", path));
        var clock = TimeProvider.System;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            Console.WriteLine($"Building a demo of {institutions:N0} institutions into {path} …");
            var watch = Stopwatch.StartNew();
            await new DemoBuilder(database, clock).BuildAsync(new DemoOptions(DemoOptions.DefaultSeed, institutions),
                FactorTableReader.ReadDirectory(Path.Combine(root, "rules", "factors")), force: true, ruleSets: DatabaseSetup.ShippedRuleSets(Path.Combine(root, "rules")));
            Console.WriteLine($"Built in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        database.Migrate();
        // A demo kept from before migration 0011 has every year stale: fold them, as the first assessment would.
        if (await ConsumptionRepository.RefreshYearSumsAsync(database) is var folded and > 0)
        {
            Console.WriteLine($"Folded {folded:N0} institution-years into the yearly sums (a database assessed since has them).");
        }

        var text = File.ReadAllText(Path.Combine(root, "rules", "institution-assessment.json"));
        var stricter = text.Replace("q.EnergyPerArea.Guide, q.EnergyPerArea.Constraint", "q.EnergyPerArea.Guide * 0.95, q.EnergyPerArea.Constraint", StringComparison.Ordinal);
        var draft = RuleSetReader.Parse(stricter, "institution-assessment.json");
        var service = new AssessmentService(database, clock);
        var year = DemoCalibration.LastYear;

        // As the CLI does: everything, once (the process is warm here, so this is the work, not the start-up).
        var cold = Stopwatch.StartNew();
        var first = await service.SimulateAsync(draft, year);
        cold.Stop();

        // As the web editor does with the year kept: the draft only, several times; the median counts.
        var basis = await service.SimulationBaseAsync(year);
        var kept = new List<double>();
        Simulation? last = null;
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            var watch = Stopwatch.StartNew();
            last = AssessmentService.Simulate(basis, draft);
            kept.Add(watch.Elapsed.TotalSeconds);
        }

        kept.Sort();
        var median = kept[kept.Count / 2];
        if (last!.GradeChanges != first.GradeChanges || last.RankChanges != first.RankChanges)
        {
            Console.Error.WriteLine("A kept year and a fresh one disagree.");
            return 1;
        }

        var (firstAnswer, saved) = await WatchAsync(root, path, year, text, repeats);
        var savedMedian = saved.Order().ElementAt(saved.Count / 2);
        var (oneOffLocal, served) = await OneOffAsync(root, path, year, text, repeats);
        var servedMedian = served.Order().ElementAt(served.Count / 2);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Simulation benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Draft of `institution-assessment` (energy-per-area guide 5 % stricter) on {first.Subjects:N0} institutions, year {year}; " +
                                                          $"{Environment.ProcessorCount} cores; .NET {Environment.Version}. The baseline is reading the year and assessing it with the rule sets in force, in the same run.");
        report.AppendLine();
        report.AppendLine("| institutions | read + assess in force (s) | draft on a kept year, median of " + repeats + " (s) | CLI path, all of it (s) | kept / read | grade changes | rank changes |");
        report.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {first.Subjects:N0} | {basis.Loading.TotalSeconds:0.00} | {median:0.00} | {cold.Elapsed.TotalSeconds:0.00} | {median / basis.Loading.TotalSeconds:0.000} | {first.GradeChanges:N0} | {first.RankChanges:N0} |");
        report.AppendLine(line);
        report.AppendLine();
        report.AppendLine("`assessment rules simulate DRAFT --year " + year + " --watch` in its own process: the first answer (process start, reading the year, " +
                          "both runs) and, after each of " + repeats + " saves of the draft, the time from the file written to the answer printed. The draft here is the " +
                          "set in force with a new version string on each save (so that its examples pass; nobody moves): the draft's run does the same work as " +
                          "the stricter draft's above.");
        report.AppendLine();
        report.AppendLine("| first answer (s) | save → answer, median of " + repeats + " (s) | slowest (s) | median / read |");
        report.AppendLine("| ---: | ---: | ---: | ---: |");
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {firstAnswer:0.00} | {savedMedian:0.00} | {saved.Max():0.00} | {savedMedian / basis.Loading.TotalSeconds:0.000} |"));
        report.AppendLine();
        report.AppendLine("A one-off `assessment rules simulate DRAFT --year " + year + "`, each a process of its own, timed from its start to its exit: with " +
                          "`--local` (it reads the year itself), and answered by `assessment rules simulator --year " + year + "` running on the same " +
                          "database (started before, in a process of its own; it keeps the year and has warmed up on the path of an answer), " + repeats + " times.");
        report.AppendLine();
        report.AppendLine("| one-off, `--local` (s) | one-off, simulator running, median of " + repeats + " (s) | slowest (s) | median / `--local` | each, in order (s) |");
        report.AppendLine("| ---: | ---: | ---: | ---: | --- |");
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {oneOffLocal:0.00} | {servedMedian:0.00} | {served.Max():0.00} | {servedMedian / oneOffLocal:0.000} | {string.Join(", ", served.Select(time => time.ToString("0.00", CultureInfo.InvariantCulture)))} |"));
        Console.Write(report);

        ResultsFile.Write(root, "simulation", report.ToString());
        return 0;
    }

    // Runs the CLI in watch mode on the draft (the rule sets in force, so that its examples pass; a new version string
    // on each save), and times the first answer and each save's.
    private static async Task<(double First, List<double> Saved)> WatchAsync(string root, string db, int year, string text, int saves)
    {
        Run("dotnet", $"build -c Release -v q \"{Path.Combine(root, "src", "Assessment.Cli")}\"");
        var draft = Path.Combine(Path.GetDirectoryName(db)!, "watch-draft.json");
        string Version(int save) => text.Replace("\"version\": \"", $"\"version\": \"bench-{save}-", StringComparison.Ordinal);
        File.WriteAllText(draft, Version(0));

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(root, "src", "Assessment.Cli", "bin", "Release", "net10.0", "assessment.dll"), "rules", "simulate", draft,
                     "--year", year.ToString(CultureInfo.InvariantCulture), "--watch", "--db", db, "--lang", "en" })
        {
            start.ArgumentList.Add(argument);
        }

        var answers = System.Threading.Channels.Channel.CreateUnbounded<DateTime>();
        var simulated = 0; // answers that are simulations, not problems reported
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith("Draft ", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref simulated);
            }
            else if (line.Data?.StartsWith("Watching ", StringComparison.Ordinal) == true)
            {
                answers.Writer.TryWrite(DateTime.UtcNow);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrEmpty(line.Data))
            {
                Console.Error.WriteLine(line.Data); // a save the command refused: reported, and the run fails below
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await answers.Reader.ReadAsync(timeout.Token);
            var first = watch.Elapsed.TotalSeconds;
            var saved = new List<double>();
            for (var save = 1; save <= saves; save++)
            {
                var written = DateTime.UtcNow;
                File.WriteAllText(draft, Version(save));
                saved.Add((await answers.Reader.ReadAsync(timeout.Token) - written).TotalSeconds);
            }

            return simulated == saves + 1
                ? (first, saved)
                : throw new InvalidOperationException($"{saves + 1 - simulated} of {saves + 1} answers were not simulations (see the errors above).");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            File.Delete(draft);
        }
    }

    // One-off commands, each a process of its own: one reading the year itself (--local), then several answered by a
    // simulator started beforehand on the same database; each timed from start to exit, and checked to be a simulation
    // (and, with the simulator, answered by it).
    private static async Task<(double Local, List<double> Served)> OneOffAsync(string root, string db, int year, string text, int times)
    {
        var cli = Path.Combine(root, "src", "Assessment.Cli", "bin", "Release", "net10.0", "assessment.dll");
        var draft = Path.Combine(Path.GetDirectoryName(db)!, "one-off-draft.json");
        File.WriteAllText(draft, text.Replace("\"version\": \"", "\"version\": \"bench-one-off-", StringComparison.Ordinal));
        ProcessStartInfo Start(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])[cli, .. arguments, "--db", db, "--lang", "en"])
            {
                start.ArgumentList.Add(argument);
            }

            return start;
        }

        async Task<double> SimulateAsync(bool local)
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(Start(["rules", "simulate", draft, "--year", year.ToString(CultureInfo.InvariantCulture), .. local ? new[] { "--local" } : []]))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var elapsed = watch.Elapsed.TotalSeconds;
            var text = await output;
            return process.ExitCode == 0 && text.StartsWith("Draft ", StringComparison.Ordinal) && text.Contains("answered by the simulator", StringComparison.Ordinal) != local
                ? elapsed
                : throw new InvalidOperationException($"A one-off simulation (local: {local}) did not answer as it should: {text}{await error}");
        }

        try
        {
            var local = await SimulateAsync(local: true);
            using var simulator = Process.Start(Start(["rules", "simulator", "--year", year.ToString(CultureInfo.InvariantCulture), "--idle-minutes", "5"]))!;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                while (await simulator.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.StartsWith("Simulator ready", StringComparison.Ordinal))
                {
                }

                var served = new List<double>();
                for (var time = 0; time < times; time++)
                {
                    served.Add(await SimulateAsync(local: false));
                }

                return (local, served);
            }
            finally
            {
                simulator.Kill(entireProcessTree: true);
                await simulator.WaitForExitAsync();
            }
        }
        finally
        {
            File.Delete(draft);
        }
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}");
        }
    }
}
