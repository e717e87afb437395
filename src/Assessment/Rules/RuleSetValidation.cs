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

    /// <summary>Checks a rule set given as text (an editor's draft); <paramref name="source"/> names it in messages.</summary>
    public static RuleSetValidation CheckText(string text, string source) =>
        Check(source, () => text.Length > RuleSetReader.MaxBytes
            ? throw new RuleSetException([string.Format(Resources.Strings.RuleSetFileTooLarge, source, text.Length / 1024, RuleSetReader.MaxBytes / 1024)])
            : RuleSetReader.Parse(text, source));

    private static RuleSetValidation CheckFile(string file) => Check(file, () => RuleSetReader.ReadFile(file));

    private static RuleSetValidation Check(string source, Func<CompiledRuleSet> read)
    {
        CompiledRuleSet set;
        try
        {
            set = read();
        }
        catch (RuleSetException e)
        {
            return new RuleSetValidation(source, null, [], e.Problems);
        }

        var examples = ExampleRunner.Run(set);
        var problems = examples.Where(example => !example.Passed)
            .SelectMany(example => example.Differences.Select(difference =>
                $"{source}: {string.Format(Resources.Strings.ExampleFailed, example.Example)}: {difference}"))
            .ToArray();
        return new RuleSetValidation(source, set, examples, problems);
    }
}
