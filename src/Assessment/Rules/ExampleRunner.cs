using System.Globalization;
using System.Text.Json;
using Assessment.Resources;
using Assessment.Rules.Results;

namespace Assessment.Rules;

/// <summary>Runs the examples a rule set carries and compares what it gives with what each example expects.</summary>
public static class ExampleRunner
{
    private static readonly JsonSerializerOptions InputOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Runs every example of <paramref name="set"/>.</summary>
    public static IReadOnlyList<ExampleResult> Run(CompiledRuleSet set) => set.Document.Examples.Select(example => Run(set, example)).ToArray();

    /// <summary>Runs one example; a rule that fails, or an input that cannot be read, is reported as a difference.</summary>
    public static ExampleResult Run(CompiledRuleSet set, RuleExample example)
    {
        RuleInputs inputs;
        try
        {
            inputs = Inputs(set, example);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return new ExampleResult(set.Id, example.Name, "", [string.Format(Strings.ExampleInputInvalid, e.Message)]);
        }

        var subject = string.Format(Strings.ExampleSubject, example.Name);
        try
        {
            return set.Kind switch
            {
                RuleSetKind.Scoring => CompareScore(set, example, RuleSetEvaluator.Score(set, inputs, subject)),
                RuleSetKind.Grading => CompareGrade(set, example, RuleSetEvaluator.Grade(set, inputs, subject)),
                RuleSetKind.Demonstration => CompareQualify(set, example, RuleSetEvaluator.Qualify(set, inputs, subject)),
                RuleSetKind.Penalty => CompareTriggered(set, example, RuleSetEvaluator.Penalties(set, inputs, subject).Select(p => p.Rule).ToArray(), null),
                RuleSetKind.Incentive => CompareIncentives(set, example, RuleSetEvaluator.Incentives(set, inputs, subject)),
                _ => CompareTriggered(set, example, RuleSetEvaluator.Check(set, inputs, subject).Select(issue => issue.Rule).ToArray(), null),
            };
        }
        catch (RuleEvaluationException e)
        {
            return new ExampleResult(set.Id, example.Name, "", [e.Message]);
        }
    }

    /// <summary>The inputs an example describes; members it leaves out keep their defaults (unknown values are NaN).</summary>
    public static RuleInputs Inputs(CompiledRuleSet set, RuleExample example)
    {
        var inputs = new RuleInputs();
        foreach (var (name, json) in example.Input)
        {
            var slot = set.Layout.FirstOrDefault(candidate => candidate.Name == name)
                       ?? throw new FormatException(string.Format(Strings.ExampleInputUnknown, name, string.Join(", ", set.Layout.Select(s => s.Name))));
            slot.Set(inputs, json.Deserialize(slot.Type, InputOptions) ?? throw new FormatException(name));
        }

        return inputs;
    }

    private static ExampleResult CompareScore(CompiledRuleSet set, RuleExample example, ScoringResult result)
    {
        var expect = example.Expect;
        var differences = new List<string>();
        Near(differences, "score", expect.Score, result.Score, expect.Tolerance);
        foreach (var (rule, points) in expect.Items ?? [])
        {
            var item = result.AllItems.FirstOrDefault(candidate => candidate.Rule == rule);
            if (item is null)
            {
                differences.Add(string.Format(Strings.ExampleRuleUnknown, rule));
            }
            else
            {
                Near(differences, rule, points, item.Points, expect.Tolerance);
            }
        }

        var actual = $"score {Format(result.Score)} / {Format(result.MaxScore)}; " +
                     string.Join(", ", result.AllItems.Select(item => $"{item.Rule} {(item.Applies ? Format(item.Points) : "n/a")}"));
        return new ExampleResult(set.Id, example.Name, actual, differences);
    }

    private static ExampleResult CompareGrade(CompiledRuleSet set, RuleExample example, GradingResult result)
    {
        var differences = new List<string>();
        Same(differences, "grade", example.Expect.Grade, result.Grade);
        Same(differences, "vetoed", example.Expect.Vetoed, result.Vetoed);
        return new ExampleResult(set.Id, example.Name, $"grade {result.Grade}{(result.Vetoed ? $" (veto: {string.Join(", ", result.Vetoes)})" : "")}", differences);
    }

    private static ExampleResult CompareQualify(CompiledRuleSet set, RuleExample example, DemonstrationResult result)
    {
        var differences = new List<string>();
        Same(differences, "qualifies", example.Expect.Qualifies, result.Qualifies);
        if (result.Score is { } score && result.Points is { } row)
        {
            Near(differences, "score", example.Expect.Score, score, example.Expect.Tolerance);
            var itemised = RuleSetEvaluator.Expand(set, row);
            foreach (var (rule, points) in example.Expect.Items ?? [])
            {
                Near(differences, rule, points, itemised.AllItems.FirstOrDefault(item => item.Rule == rule)?.Points ?? double.NaN, example.Expect.Tolerance);
            }
        }

        var actual = $"qualifies {result.Qualifies}" + (result.Score is { } value ? $"; score {Format(value)}" : "") +
                     (result.Failed.Count > 0 ? $"; failed {string.Join(", ", result.Failed)}" : "");
        return new ExampleResult(set.Id, example.Name, actual, differences);
    }

    private static ExampleResult CompareIncentives(CompiledRuleSet set, RuleExample example, IReadOnlyList<IncentiveResult> results)
    {
        var compared = CompareTriggered(set, example, results.Select(result => result.Rule).ToArray(),
            string.Join(", ", results.Select(result => $"{result.Rule} {Format(result.Amount)} {result.Unit}")));
        var differences = compared.Differences.ToList();
        foreach (var (rule, amount) in example.Expect.Amounts ?? [])
        {
            Near(differences, rule, amount, results.FirstOrDefault(result => result.Rule == rule)?.Amount ?? 0, example.Expect.Tolerance);
        }

        return compared with { Differences = differences };
    }

    private static ExampleResult CompareTriggered(CompiledRuleSet set, RuleExample example, IReadOnlyList<string> triggered, string? actual)
    {
        var differences = new List<string>();
        if (example.Expect.Triggered is { } expected && !expected.Order().SequenceEqual(triggered.Order()))
        {
            differences.Add(string.Format(Strings.ExampleDiffers, "triggered", $"[{string.Join(", ", expected)}]", $"[{string.Join(", ", triggered)}]"));
        }

        return new ExampleResult(set.Id, example.Name, actual ?? $"triggered [{string.Join(", ", triggered)}]", differences);
    }

    private static void Near(List<string> differences, string what, double? expected, double actual, double tolerance)
    {
        if (expected is { } value && !(Math.Abs(value - actual) <= tolerance))
        {
            differences.Add(string.Format(Strings.ExampleDiffers, what, Format(value), Format(actual)));
        }
    }

    private static void Same<T>(List<string> differences, string what, T? expected, T actual)
    {
        if (expected is not null && !EqualityComparer<T>.Default.Equals(expected, actual))
        {
            differences.Add(string.Format(Strings.ExampleDiffers, what, expected, actual));
        }
    }

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
