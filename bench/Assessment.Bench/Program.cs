using System.Diagnostics;
using System.Globalization;
using System.Text;
using Assessment.Bench;
using Assessment.Rules;

// Scores synthetic institutions on the shipped 100-point rule set three ways — (a) plain RulesEngine per institution,
// (b) the project's compiled path, (c) the same rules by hand — checks that all three give the same scores, and
// reports institutions per second and the ratios b/a and c/b. Usage:
//   dotnet run -c Release --project bench/Assessment.Bench [-- --sizes 1000,10000,100000,1600000] [--rules-engine-max N]
// Results go to bench/results/ with the machine's core count. See bench/README.md.
// `-- simulation …` measures a draft's simulation instead (SimulationBench.cs).

if (args.FirstOrDefault() == "simulation")
{
    return await SimulationBench.RunAsync(FindRoot(), int.Parse(Argument("--institutions") ?? "30000", CultureInfo.InvariantCulture),
        Argument("--db"), int.Parse(Argument("--repeats") ?? "5", CultureInfo.InvariantCulture));
}

var sizes = Argument("--sizes")?.Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToArray() ?? [1_000, 10_000, 100_000, 1_600_000];
// Plain RulesEngine is slow: beyond this many institutions its rate is measured on this many (the rate does not depend on n).
var rulesEngineMax = int.Parse(Argument("--rules-engine-max") ?? "200000", CultureInfo.InvariantCulture);
const int Chunk = 100_000;

var root = FindRoot();
var set = RuleSetReader.ReadFile(Path.Combine(root, "rules", "institution-assessment.json"));
var plain = new Paths.PlainRulesEngine(set);
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"# Scoring benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Rule set `{set.Id}@{set.ContentHash[..12]}` ({set.Rules.Sum(rule => Math.Max(1, rule.Children.Count))} scored items); " +
                                                  $"{Environment.ProcessorCount} cores; .NET {Environment.Version}; (a) on one core, (b) and (c) over all cores.");
report.AppendLine();
report.AppendLine("| institutions | (a) RulesEngine /s | (b) compiled /s | (b) one core /s | (c) by hand /s | b/a | c/b | largest score difference |");
report.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

// Warm up every path (JIT up to its optimised tier, RulesEngine's own compilation).
var columns = set.ScoredItems.Count;
var warmUp = Synthetic.Make(0, 50_000);
var warmUpRow = new double[columns];
for (var index = 0; index < warmUp.Length; index++)
{
    Paths.Compiled(set, warmUp[index], warmUpRow);
    Paths.HandWritten(warmUp[index]);
    if (index < 5_000)
    {
        plain.Score(warmUp[index]);
    }
}

foreach (var n in sizes)
{
    TimeSpan a = TimeSpan.Zero, b = TimeSpan.Zero, bOne = TimeSpan.Zero, c = TimeSpan.Zero;
    var aCount = 0;
    var difference = 0.0;
    // A small size is scored several times over, so that each measurement covers about 100,000 institutions.
    var repeats = Math.Max(1, Chunk / n);
    for (var first = 0; first < n; first += Chunk)
    {
        var inputs = Synthetic.Make(first, Math.Min(Chunk, n - first));
        var compiled = new double[inputs.Length];
        // Every item's points of every institution, one row each: kept for the explanation.
        var points = new double[inputs.Length * columns];
        var byHand = new double[inputs.Length];

        var watch = Stopwatch.StartNew();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            Parallel.ForEach(Ranges(inputs.Length), range =>
            {
                for (var index = range.Item1; index < range.Item2; index++)
                {
                    compiled[index] = Paths.Compiled(set, inputs[index], points.AsSpan(index * columns, columns));
                }
            });
        }

        b += watch.Elapsed;

        watch.Restart();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            Parallel.ForEach(Ranges(inputs.Length), range =>
            {
                for (var index = range.Item1; index < range.Item2; index++)
                {
                    byHand[index] = Paths.HandWritten(inputs[index]);
                }
            });
        }

        c += watch.Elapsed;

        if (first < 200_000)
        {
            // One core, on the first 200,000 only: the rate is what matters.
            watch.Restart();
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                for (var index = 0; index < inputs.Length; index++)
                {
                    Paths.Compiled(set, inputs[index], points.AsSpan(index * columns, columns));
                }
            }

            bOne += watch.Elapsed;
        }

        if (aCount < rulesEngineMax)
        {
            var take = Math.Min(inputs.Length, rulesEngineMax - aCount);
            var viaEngine = new double[take];
            watch.Restart();
            for (var index = 0; index < take; index++)
            {
                viaEngine[index] = plain.Score(inputs[index]);
            }

            a += watch.Elapsed;
            aCount += take;
            for (var index = 0; index < take; index++)
            {
                difference = Math.Max(difference, Math.Abs(viaEngine[index] - compiled[index]));
            }
        }

        for (var index = 0; index < inputs.Length; index++)
        {
            difference = Math.Max(difference, Math.Abs(byHand[index] - compiled[index]));
        }
    }

    var scored = (double)n * repeats;
    var rateA = aCount / a.TotalSeconds;
    var rateB = scored / b.TotalSeconds;
    var rateBOne = Math.Min(n, 200_000) * (double)repeats / bOne.TotalSeconds;
    var rateC = scored / c.TotalSeconds;
    var line = string.Create(CultureInfo.InvariantCulture,
        $"| {n:N0} | {rateA:N0}{(aCount < n ? $" (on {aCount:N0})" : "")} | {rateB:N0} | {rateBOne:N0} | {rateC:N0} | {rateB / rateA:N1} | {rateC / rateB:N1} | {difference:E1} |");
    Console.WriteLine(line);
    report.AppendLine(line);
    if (difference > 1e-9)
    {
        Console.Error.WriteLine($"The three paths disagree by {difference} points at {n} institutions.");
        Environment.ExitCode = 1;
    }
}

ResultsFile.Write(root, "scoring", report.ToString());
return Environment.ExitCode;

// Contiguous ranges, a few per core: one delegate call per range rather than per institution.
static System.Collections.Concurrent.OrderablePartitioner<Tuple<int, int>> Ranges(int count) =>
    System.Collections.Concurrent.Partitioner.Create(0, count, Math.Max(1, count / (Environment.ProcessorCount * 4)));

string? Argument(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();

static string FindRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Assessment.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run the benchmark inside the repository.");
}
