using System.Text.Json;
using System.Text.Json.Serialization;
using RulesEngine.Models;

namespace Assessment.Rules;

/// <summary>
/// A rule-set file as written under <c>rules/</c>: metadata in camelCase, one Microsoft RulesEngine workflow in its own
/// (PascalCase) format, and examples. See docs/rules.md and rules/schemas/rule-set.schema.json.
/// </summary>
public sealed record RuleSetDocument(
    string Id,
    LocalizedText Title,
    RuleSetKind Kind,
    RuleSetLevel Level,
    string Version,
    int FirstYear,
    RuleSetSource Source,
    [property: JsonConverter(typeof(WorkflowJsonConverter))] Workflow Workflow,
    IReadOnlyList<RuleExample> Examples,
    double? TotalPoints = null,
    double? BonusPoints = null,
    NotApplicablePolicy NotApplicable = NotApplicablePolicy.Rescale,
    QualifyCondition? Qualify = null,
    string? Description = null)
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }
}

/// <summary>A text in Chinese and English.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The text in the current UI language.</summary>
    public string Current => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? En : Zh;
}

/// <summary>Where a rule set comes from: the document, its edition and when it takes effect.</summary>
public sealed record RuleSetSource(string Document, string Edition, string? Effective = null, string? Url = null);

/// <summary>What happens to the maximum when an item does not apply (no canteen, no boiler).</summary>
public enum NotApplicablePolicy
{
    /// <summary>The score is scaled up to the total points (折算): earned ÷ applicable maximum × total.</summary>
    Rescale,
    /// <summary>The maximum is simply reduced; the score is not scaled.</summary>
    Reduce,
}

/// <summary>How a demonstration programme qualifies, beyond its mandatory gates.</summary>
public sealed record QualifyCondition(double? MinScore = null, bool StarredNonZero = false);

/// <summary>An example a rule set carries: its inputs and what the rule set must give for them.</summary>
public sealed record RuleExample(string Name, Dictionary<string, JsonElement> Input, RuleExpectation Expect);

/// <summary>
/// What an example must give. Only the fields given are checked: <c>score</c> and <c>items</c> (points by rule) for
/// scoring; <c>grade</c> and <c>vetoed</c> for grading; <c>qualifies</c> for demonstrations; <c>triggered</c> (rule names)
/// for penalties, incentives and data quality; <c>amounts</c> (by rule) for incentives.
/// </summary>
public sealed record RuleExpectation(
    double? Score = null,
    Dictionary<string, double>? Items = null,
    string? Grade = null,
    bool? Vetoed = null,
    bool? Qualifies = null,
    List<string>? Triggered = null,
    Dictionary<string, double>? Amounts = null,
    double Tolerance = 0.005);
