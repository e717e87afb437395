namespace Assessment.Bench;

/// <summary>Where a benchmark's table goes: <c>bench/results/NAME-date-Ncores.md</c>.</summary>
public static class ResultsFile
{
    public static void Write(string root, string name, string report)
    {
        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmm}-{Environment.ProcessorCount}cores.md");
        File.WriteAllText(file, report);
        Console.WriteLine($"Results written to {Path.GetRelativePath(root, file)}");
    }
}
