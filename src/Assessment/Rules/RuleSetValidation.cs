namespace Assessment.Rules;

/// <summary>What checking one rule-set file found: the compiled set when it compiled, its examples' results, every problem.</summary>
public sealed record RuleSetValidation(string File, CompiledRuleSet? RuleSet, IReadOnlyList<ExampleResult> Examples, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>
    /// Checks a file or every <c>*.json</c> file of a folder: JSON, schema, every expression compiled against the typed
    /// inputs, points adding up, and every example giving what it expects.
    /// </summary>
    public static IReadOnlyList<RuleSetValidation> Check(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray()
            : [path];
        var results = files.Select(CheckFile).ToList();
        foreach (var duplicate in results.Where(result => result.RuleSet is not null).GroupBy(result => result.RuleSet!.Id).Where(group => group.Count() > 1))
        {
            foreach (var result in duplicate.ToArray())
            {
                var index = results.IndexOf(result);
                results[index] = result with
                {
                    Problems = [.. result.Problems, string.Format(Resources.Strings.RuleSetIdDuplicate, duplicate.Key,
                        string.Join(", ", duplicate.Select(other => Path.GetFileName(other.File))))],
                };
            }
        }

        return results;
    }

    private static RuleSetValidation CheckFile(string file)
    {
        CompiledRuleSet set;
        try
        {
            set = RuleSetReader.ReadFile(file);
        }
        catch (RuleSetException e)
        {
            return new RuleSetValidation(file, null, [], e.Problems);
        }

        var examples = ExampleRunner.Run(set);
        var problems = examples.Where(example => !example.Passed)
            .SelectMany(example => example.Differences.Select(difference =>
                $"{file}: {string.Format(Resources.Strings.ExampleFailed, example.Example)}: {difference}"))
            .ToArray();
        return new RuleSetValidation(file, set, examples, problems);
    }
}
