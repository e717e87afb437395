using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Assessment.Resources;

namespace Assessment.Rules;

/// <summary>
/// The common edits of a scoring rule set done as a form rather than by hand in the JSON: each item's points (with the
/// points argument of its <c>Score.X(…, points)</c> expression and its group's total kept in step; not checklist items,
/// whose reviewed points are on the checklist's own scale), and, once the author
/// has seen how a change moves the examples, the examples' expected results taken from the draft. Anything else is
/// edited in the JSON; every result is checked as any rule set is before it can be published.
/// </summary>
public static partial class RuleSetEditor
{
    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>An item with points: its rule name, its group (null at the top), labels, points, and whether a form may set them.</summary>
    public sealed record Item(string Rule, string? Group, string Label, string LabelEn, double Points, bool IsGroup, bool Editable);

    /// <summary>The items with points of a rule-set text, groups before their items; a text that is not JSON is an <see cref="ArgumentException"/>.</summary>
    public static IReadOnlyList<Item> Items(string text)
    {
        var items = new List<Item>();
        foreach (var (rule, group) in Walk(Parse(text)))
        {
            if (rule["Properties"]?["points"] is JsonValue value && value.TryGetValue<double>(out var points))
            {
                var isGroup = rule["Rules"] is JsonArray { Count: > 0 };
                var expression = Expression(rule);
                items.Add(new Item((string?)rule["RuleName"] ?? "", group, (string?)rule["Properties"]?["label"] ?? "", (string?)rule["Properties"]?["labelEn"] ?? "",
                    points, isGroup, isGroup || expression is not null && TrailingPoints(expression, points) is not null));
            }
        }

        return items;
    }

    /// <summary>
    /// The text with new points for the items named: each item's points, the trailing points argument of its scoring
    /// expression, and its group's points (the sum of its items). The set's total is left as it is: if the change no
    /// longer adds up to it, checking the draft says so.
    /// </summary>
    public static string WithPoints(string text, IReadOnlyDictionary<string, double> points)
    {
        var root = Parse(text);
        var rules = Walk(root).ToArray();
        foreach (var (rule, _) in rules)
        {
            var name = (string?)rule["RuleName"] ?? "";
            if (!points.TryGetValue(name, out var wanted) || rule["Rules"] is JsonArray { Count: > 0 })
            {
                continue;
            }

            if (!double.IsFinite(wanted) || wanted < 0)
            {
                throw new ArgumentException(string.Format(Strings.EditorPointsInvalid, name, wanted));
            }

            var old = rule["Properties"]?["points"]?.GetValue<double>() ?? throw new ArgumentException(string.Format(Strings.EditorNoPoints, name));
            if (Expression(rule) is { } expression && TrailingPoints(expression, old) is { } match)
            {
                rule["Actions"]!["OnSuccess"]!["Context"]!["Expression"] = expression[..match.Index] + Number(wanted) + expression[(match.Index + match.Length)..];
            }
            else if (Math.Abs(old - wanted) > 1e-9)
            {
                throw new ArgumentException(string.Format(Strings.EditorNotAPattern, name));
            }

            rule["Properties"]!["points"] = wanted;
        }

        // Groups, innermost first: the sum of their items.
        foreach (var (group, _) in rules.Reverse().Where(pair => pair.Rule["Rules"] is JsonArray { Count: > 0 } && pair.Rule["Properties"]?["points"] is not null))
        {
            group["Properties"]!["points"] = group["Rules"]!.AsArray().Sum(child => child?["Properties"]?["points"]?.GetValue<double>() ?? 0);
        }

        return root.ToJsonString(Written);
    }

    /// <summary>
    /// The text with each scoring example's expected score and item points replaced by what the draft gives, for the items
    /// the example already names. Only for scoring sets; the draft must compile.
    /// </summary>
    public static string WithExamplesAccepted(string text, string source)
    {
        var set = RuleSetReader.Parse(text, source);
        if (set.Kind != RuleSetKind.Scoring)
        {
            throw new ArgumentException(string.Format(Strings.EditorExamplesScoringOnly, set.Id));
        }

        var root = Parse(text);
        var examples = root["examples"]!.AsArray();
        for (var i = 0; i < set.Document.Examples.Count; i++)
        {
            var example = set.Document.Examples[i];
            var result = RuleSetEvaluator.Score(set, ExampleRunner.Inputs(set, example), example.Name);
            var expect = examples[i]!["expect"]!.AsObject();
            if (expect["score"] is not null)
            {
                expect["score"] = Math.Round(result.Score, 4);
            }

            if (expect["items"] is JsonObject items)
            {
                foreach (var name in items.Select(pair => pair.Key).ToArray())
                {
                    if (result.AllItems.FirstOrDefault(item => item.Rule == name) is { } item)
                    {
                        items[name] = Math.Round(item.Points, 4);
                    }
                }
            }
        }

        return root.ToJsonString(Written);
    }

    private static JsonNode Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? throw new ArgumentException(Strings.EditorNotJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{Strings.EditorNotJson}: {e.Message}", e);
        }
    }

    // Every rule of the workflow with the name of its group, depth first, groups before their items.
    private static IEnumerable<(JsonNode Rule, string? Group)> Walk(JsonNode root)
    {
        IEnumerable<(JsonNode, string?)> Rules(JsonNode? list, string? group)
        {
            foreach (var rule in list as JsonArray ?? [])
            {
                if (rule is null)
                {
                    continue;
                }

                yield return (rule, group);
                foreach (var child in Rules(rule["Rules"], (string?)rule["RuleName"]))
                {
                    yield return child;
                }
            }
        }

        return Rules(root["workflow"]?["Rules"], null);
    }

    private static string? Expression(JsonNode rule) => (string?)rule["Actions"]?["OnSuccess"]?["Context"]?["Expression"];

    // Where the last argument of a top-level Score.X(…) call is, when it is the item's points written as a number.
    private static (int Index, int Length)? TrailingPoints(string expression, double points)
    {
        var match = TrailingNumber().Match(expression);
        // Checklist items score the reviewed points, which stay on the checklist's own scale: their maximum is not a form edit.
        var call = expression.TrimStart();
        if (!match.Success || !call.StartsWith("Score.", StringComparison.Ordinal) || call.StartsWith("Score.Checklist", StringComparison.Ordinal))
        {
            return null;
        }

        var number = match.Groups["n"];
        return double.TryParse(number.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Abs(value - points) < 1e-9
            ? (number.Index, number.Length)
            : null;
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex(@",\s*(?<n>[0-9]+(\.[0-9]+)?)\s*\)\s*$")]
    private static partial Regex TrailingNumber();
}
