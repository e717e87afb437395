using Assessment.Rules;
using Assessment.Rules.Results;
using Assessment.Tests.Support;

namespace Assessment.Tests.Rules;

/// <summary>Broken and hostile rule files are refused with an error that names the file and what is wrong.</summary>
public sealed class RuleSetReaderTests
{
    private static RuleSetValidation Check(string fixture) => RuleSetValidation.Check(Repository.Fixture("rules", fixture)).Single();

    [Theory]
    [InlineData("bad-json.json", "11")] // the line of the broken JSON
    [InlineData("bad-unknown-member.json", "Expresion")]
    [InlineData("bad-unknown-function.json", "quota-energy-per-area")]
    [InlineData("bad-unknown-function.json", "Nope")]
    [InlineData("bad-not-bool.json", "completed")]
    [InlineData("bad-system-access.json", "System")]
    [InlineData("bad-points.json", "quota")]
    [InlineData("bad-on-failure.json", "OnFailure")]
    [InlineData("bad-example-fails.json", "99")]
    [InlineData("bad-throws.json", "quota-energy-per-area")]
    [InlineData("bad-band-above-maximum.json", "quota-water-per-capita")]
    [InlineData("bad-unknown-item.json", "meterng")]
    [InlineData("bad-unknown-grade.json", "complete")]
    [InlineData("bad-group-without-operator.json", "work-measures")]
    public void A_broken_file_is_refused_naming_the_file_and_what_is_wrong(string fixture, string expected)
    {
        var result = Check(fixture);

        Assert.False(result.Passed);
        Assert.All(result.Problems, problem => Assert.Contains(fixture, problem));
        Assert.Contains(result.Problems, problem => problem.Contains(expected));
    }

    [Fact]
    public void A_function_that_does_not_exist_is_caught_before_anything_runs()
    {
        // RulesEngine alone compiles actions lazily and turns this into a null output at run time.
        var error = Assert.Throws<RuleSetException>(() => RuleSetReader.ReadFile(Repository.Fixture("rules", "bad-unknown-function.json")));

        Assert.Contains("Nope", Assert.Single(error.Problems));
    }

    [Fact]
    public void An_expression_that_throws_is_an_error_naming_the_rule_and_the_subject_not_a_zero()
    {
        var set = RuleSetReader.ReadFile(Repository.Fixture("rules", "bad-throws.json"));
        var inputs = ExampleRunner.Inputs(set, set.Document.Examples[0]);
        inputs.Subject.Name = "短";

        var error = Assert.Throws<RuleEvaluationException>(() => RuleSetEvaluator.Score(set, inputs, "A001 某单位"));

        Assert.Equal(("institution-assessment", "quota-energy-per-area", "A001 某单位"), (error.RuleSet, error.Rule, error.Subject));
    }

    [Fact]
    public void A_veto_never_raises_a_grade_and_the_harshest_wins_whatever_the_order()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "rules", "grading.json")))!;
        json["workflow"]!["Rules"]![1]!["Properties"]!["forceGrade"] = "basic"; // the second veto forces only "basic"
        var set = RuleSetReader.Parse(json.ToJsonString(), "grading.json");
        Assert.Equal("basic", set.Rules.Single(rule => rule.Name == "veto-data-falsified").Properties.ForceGrade);
        var falsified = new Assessment.Rules.Inputs.Checklist { Items = { ["data-falsified"] = new(1) } };

        GradingResult Grade(double score, double actual) => RuleSetEvaluator.Grade(set, new RuleInputs
        {
            Score = new() { Score = score },
            Checklist = falsified,
            Targets = new() { Has = true, EnergyPerArea = new() { Target = 0.04, Actual = actual } },
        }, "x");

        Assert.Equal(("basic", true), (Grade(99, 0.05).Grade, Grade(99, 0.05).Vetoed)); // lowered to basic
        Assert.Equal("not-completed", Grade(50, 0.05).Grade); // not raised to basic
        Assert.Equal("not-completed", Grade(99, -0.05).Grade); // both vetoes: the harsher wins, though it comes first
        Assert.Equal(2, Grade(99, -0.05).Vetoes.Count);
    }

    [Fact]
    public void A_huge_file_is_refused_unread()
    {
        using var temp = new TempDatabase();
        var path = temp.File("huge.json");
        File.WriteAllText(path, "{\"id\": \"" + new string('x', RuleSetReader.MaxBytes) + "\"}");

        var error = Assert.Throws<RuleSetException>(() => RuleSetReader.ReadFile(path));

        Assert.Contains("huge.json", error.Message);
        Assert.Contains("KB", error.Message);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_rather_than_overflowing()
    {
        var text = string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000));

        var error = Assert.Throws<RuleSetException>(() => RuleSetReader.Parse(text, "deep.json"));

        Assert.Contains("deep.json", error.Message);
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed_at_once()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "rules", "grading.json"))
            .Replace("\"s.Score >= 95\"", "\"s.Nope >= 95\"")
            .Replace("\"s.Score >= 80\"", "\"s.Score\"");

        var error = Assert.Throws<RuleSetException>(() => RuleSetReader.Parse(text, "grading.json"));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, problem => problem.Contains("excellent") && problem.Contains("Nope"));
        Assert.Contains(error.Problems, problem => problem.Contains("completed"));
    }

    [Fact]
    public void The_content_hash_is_the_version_and_changes_with_any_edit()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "rules", "grading.json"));

        var first = RuleSetReader.Parse(text, "a.json");
        var same = RuleSetReader.Parse(text, "b.json");
        var edited = RuleSetReader.Parse(text.Replace("\"2021.1\"", "\"2021.2\""), "c.json");

        Assert.Equal(first.ContentHash, same.ContentHash);
        Assert.NotEqual(first.ContentHash, edited.ContentHash);
        Assert.StartsWith("grading@", first.VersionKey);
    }
}
