using System.Globalization;
using System.Text.Json.Nodes;
using Assessment.Tests.Support;
using Assessment.Workflows;

namespace Assessment.Tests.Workflows;

/// <summary>Workflow definitions are checked when read: a mistake is an error naming the file and the state, trigger or rule set.</summary>
public sealed class WorkflowDefinitionTests : IDisposable
{
    private static readonly Func<string, bool> ShippedRuleSets = id => id is "data-quality" or "institution-assessment" or "county-assessment";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("assessment-workflows-");

    public WorkflowDefinitionTests() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void The_shipped_definitions_load_with_their_steps()
    {
        var loaded = WorkflowReader.ReadDirectory(Repository.Workflows, ShippedRuleSets);

        var institution = loaded.Single(item => item.Definition.DefinitionId == "institution-annual-assessment").Definition;
        Assert.Equal(WorkflowSubject.Institution, institution.Subject);
        Assert.Equal(
            ["targets-issued", "letter-signed", "data-reporting", "self-assessment", "county-review", "bureau-review", "onsite-check", "reviewed", "scored",
             "published", "rectification", "rectification-review", "closed"],
            institution.States.Select(state => state.Id));
        Assert.Equal("data-quality", institution.Trigger("submit")!.Guard!.RuleSet);
        Assert.True(institution.Trigger("county-return")!.RequiresComment);
        Assert.All(institution.Triggers, trigger => Assert.NotEmpty(trigger.Roles));
        Assert.Equal(new DateOnly(2026, 3, 31), institution.State("bureau-review")!.Deadline!.For(2025));

        var county = loaded.Single(item => item.Definition.DefinitionId == "county-annual-assessment").Definition;
        Assert.Equal("bureau-review", county.Trigger("submit")!.Guard!.InstitutionsAtLeast);
    }

    [Theory]
    [InlineData("unknown-state", "sign-letter", "nowhere")]
    [InlineData("unreachable-state", "letter-signed", "unreachable")]
    [InlineData("no-role", "sign-letter", "roles")]
    [InlineData("missing-rule-set", "submit", "no-such-rules")]
    [InlineData("unknown-role", "sign-letter", "mayor")]
    public void A_broken_definition_is_refused_naming_the_file_and_what_is_wrong(string breakage, string name, string detail)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Workflows, "institution-annual-assessment.json")))!;
        var triggers = definition["triggers"]!.AsArray();
        JsonNode Trigger(string id) => triggers.Single(trigger => (string)trigger!["id"]! == id)!;
        switch (breakage)
        {
            case "unknown-state":
                Trigger("sign-letter")["to"] = "nowhere";
                break;
            case "unreachable-state":
                // Nothing leads to letter-signed any more: it and everything only reachable through it are unreachable.
                triggers.Remove(Trigger("sign-letter"));
                break;
            case "no-role":
                Trigger("sign-letter")["roles"] = new JsonArray();
                break;
            case "missing-rule-set":
                Trigger("submit")["guard"]!["ruleSet"] = "no-such-rules";
                break;
            case "unknown-role":
                Trigger("sign-letter")["roles"] = new JsonArray("mayor");
                break;
        }

        var file = Path.Combine(_folder.FullName, "broken.json");
        File.WriteAllText(file, definition.ToJsonString());

        var error = Assert.Throws<WorkflowException>(() => WorkflowReader.ReadDirectory(_folder.FullName, ShippedRuleSets));

        var problem = Assert.Single(error.Problems, p => p.Contains(detail, StringComparison.Ordinal) || p.Contains(name, StringComparison.Ordinal));
        Assert.StartsWith(file, problem, StringComparison.Ordinal);
        Assert.Contains(breakage == "unreachable-state" ? "letter-signed" : name, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_county_guard_naming_a_state_the_institutions_do_not_have_is_refused()
    {
        File.Copy(Path.Combine(Repository.Workflows, "institution-annual-assessment.json"), Path.Combine(_folder.FullName, "institution.json"));
        var county = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Workflows, "county-annual-assessment.json")))!;
        county["triggers"]!.AsArray().Single(trigger => (string)trigger!["id"]! == "submit")!["guard"]!["institutionsAtLeast"] = "nowhere";
        var file = Path.Combine(_folder.FullName, "county.json");
        File.WriteAllText(file, county.ToJsonString());

        var error = Assert.Throws<WorkflowException>(() => WorkflowReader.ReadDirectory(_folder.FullName, ShippedRuleSets));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith(file, problem, StringComparison.Ordinal);
        Assert.Contains("nowhere", problem, StringComparison.Ordinal);
        Assert.Contains("submit", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 30)]
    [InlineData(2, 29)]
    [InlineData(4, 31)]
    public void A_deadline_that_is_not_a_date_is_refused(int month, int day)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Workflows, "institution-annual-assessment.json")))!;
        definition["states"]![1]!["deadline"] = new JsonObject { ["month"] = month, ["day"] = day, ["yearOffset"] = 0 };
        var file = Path.Combine(_folder.FullName, "deadline.json");
        File.WriteAllText(file, definition.ToJsonString());

        var error = Assert.Throws<WorkflowException>(() => WorkflowReader.ReadDirectory(_folder.FullName, ShippedRuleSets));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith(file, problem, StringComparison.Ordinal);
        Assert.Contains("letter-signed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_file_and_the_line()
    {
        var file = Path.Combine(_folder.FullName, "bad.json");
        File.WriteAllText(file, "{\n  \"definitionId\": \"x\",\n  \"states\": [\n    { \"id\": \n  ]\n}");

        var error = Assert.Throws<WorkflowException>(() => WorkflowReader.ReadDirectory(_folder.FullName, ShippedRuleSets));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith($"{file}: line 5: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diagram_is_mermaid_with_every_state_labelled_and_the_current_one_highlighted()
    {
        var definition = WorkflowReader.ReadDirectory(Repository.Workflows, ShippedRuleSets)
            .Single(item => item.Definition.DefinitionId == "institution-annual-assessment").Definition;

        var plain = WorkflowMachine.Diagram(definition);
        var current = WorkflowMachine.Diagram(definition, "county-review");

        Assert.StartsWith("stateDiagram-v2", plain, StringComparison.Ordinal);
        Assert.All(definition.States, state => Assert.Contains($"{WorkflowMachine.Node(state.Id)} : {state.Label.Current}", plain, StringComparison.Ordinal));
        Assert.Contains("countyreview --> bureaureview : county-approve", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("classDef current", plain, StringComparison.Ordinal);
        Assert.Contains("class countyreview current", current, StringComparison.Ordinal);
    }
}
