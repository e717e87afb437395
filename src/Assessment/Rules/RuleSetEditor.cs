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

    /// <summary>An item with points: its rule name, its group (null at the top), labels, points, whether a form may set them, and its pattern if it has one.</summary>
    public sealed record Item(string Rule, string? Group, string Label, string LabelEn, double Points, bool IsGroup, bool Editable, Pattern? Pattern = null);

    /// <summary>How a common item scores.</summary>
    public enum Method
    {
        /// <summary><c>Score.Linear(i.X, guide, constraint, points)</c>: full points at or below the guide value, none at or above the constraint value, linear between; the values are the category's quota (null) or fixed.</summary>
        QuotaLinear,

        /// <summary><c>Score.Completion(t.X.Actual, t.X.Target, points)</c>: points in proportion to the share of the year's target decline achieved.</summary>
        TargetCompletion,
    }

    /// <summary>A common item as a form shows it: the method, the indicator, the guide and constraint values (null: the quota's), the points.</summary>
    public sealed record Pattern(Method Method, string Indicator, double? Guide, double? Constraint, double Points);

    /// <summary>The indicators each method may score (those the inputs provide).</summary>
    public static IReadOnlyDictionary<Method, IReadOnlyList<string>> Indicators { get; } = new Dictionary<Method, IReadOnlyList<string>>
    {
        [Method.QuotaLinear] = ["EnergyPerArea", "EnergyPerCapita", "WaterPerCapita"],
        [Method.TargetCompletion] = ["EnergyPerArea", "EnergyPerCapita", "WaterPerCapita", "Co2PerArea"],
    };

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
                    points, isGroup, isGroup || expression is not null && TrailingPoints(expression, points) is not null,
                    expression is null || isGroup ? null : PatternOf(expression, points)));
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

        SumGroups(root);
        return root.ToJsonString(Written);
    }

    /// <summary>
    /// The text with the items named rewritten from their patterns (method, indicator, guide and constraint values,
    /// points), their groups' points kept in step. An item must already follow one of the patterns; anything else is
    /// edited in the JSON.
    /// </summary>
    public static string WithPatterns(string text, IReadOnlyDictionary<string, Pattern> patterns)
    {
        var root = Parse(text);
        foreach (var (rule, _) in Walk(root))
        {
            var name = (string?)rule["RuleName"] ?? "";
            if (!patterns.TryGetValue(name, out var pattern))
            {
                continue;
            }

            var old = rule["Properties"]?["points"]?.GetValue<double>() ?? throw new ArgumentException(string.Format(Strings.EditorNoPoints, name));
            if (Expression(rule) is not { } expression || PatternOf(expression, old) is null)
            {
                throw new ArgumentException(string.Format(Strings.EditorNotAPattern, name));
            }

            rule["Actions"]!["OnSuccess"]!["Context"]!["Expression"] = ExpressionOf(name, pattern);
            rule["Properties"]!["points"] = pattern.Points;
        }

        SumGroups(root);
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

    // Groups, innermost first: the sum of their items.
    private static void SumGroups(JsonNode root)
    {
        foreach (var (group, _) in Walk(root).Reverse().Where(pair => pair.Rule["Rules"] is JsonArray { Count: > 0 } && pair.Rule["Properties"]?["points"] is not null))
        {
            group["Properties"]!["points"] = group["Rules"]!.AsArray().Sum(child => child?["Properties"]?["points"]?.GetValue<double>() ?? 0);
        }
    }

    // The pattern an expression follows, if any.
    private static Pattern? PatternOf(string expression, double points)
    {
        if (QuotaLinear().Match(expression) is { Success: true } linear && Number(linear.Groups["p"].Value) is { } linearPoints && Near(linearPoints, points)
            && Indicators[Method.QuotaLinear].Contains(linear.Groups["x"].Value))
        {
            double? Fixed(Group value) => value.Value.StartsWith("q.", StringComparison.Ordinal) ? null : Number(value.Value);
            return new Pattern(Method.QuotaLinear, linear.Groups["x"].Value, Fixed(linear.Groups["g"]), Fixed(linear.Groups["c"]), points);
        }

        if (TargetCompletion().Match(expression) is { Success: true } completion && Number(completion.Groups["p"].Value) is { } completionPoints
            && Near(completionPoints, points) && Indicators[Method.TargetCompletion].Contains(completion.Groups["x"].Value))
        {
            return new Pattern(Method.TargetCompletion, completion.Groups["x"].Value, null, null, points);
        }

        return null;
    }

    // The expression of a pattern; a pattern that cannot score is an ArgumentException naming the item.
    private static string ExpressionOf(string rule, Pattern pattern)
    {
        if (!double.IsFinite(pattern.Points) || pattern.Points < 0)
        {
            throw new ArgumentException(string.Format(Strings.EditorPointsInvalid, rule, pattern.Points));
        }

        if (!Indicators[pattern.Method].Contains(pattern.Indicator))
        {
            throw new ArgumentException(string.Format(Strings.EditorIndicatorUnknown, rule, pattern.Indicator, string.Join(", ", Indicators[pattern.Method])));
        }

        var x = pattern.Indicator;
        var points = Number(pattern.Points);
        if (pattern.Method == Method.TargetCompletion)
        {
            return $"Score.Completion(t.{x}.Actual, t.{x}.Target, {points})";
        }

        if (pattern.Guide is { } guide && pattern.Constraint is { } constraint && !(guide >= 0 && guide < constraint))
        {
            throw new ArgumentException(string.Format(Strings.EditorGuideConstraint, rule, guide, constraint));
        }

        if (pattern.Guide is null != pattern.Constraint is null)
        {
            throw new ArgumentException(string.Format(Strings.EditorGuideConstraintBoth, rule));
        }

        var from = pattern.Guide is { } g ? Number(g) : $"q.{x}.Guide";
        var to = pattern.Constraint is { } c ? Number(c) : $"q.{x}.Constraint";
        return $"Score.Linear(i.{x}, {from}, {to}, {points})";
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool Near(double a, double b) => Math.Abs(a - b) < 1e-9;

    [GeneratedRegex(@"^\s*Score\.Linear\(i\.(?<x>\w+),\s*(?<g>q\.\k<x>\.Guide|[0-9]+(\.[0-9]+)?),\s*(?<c>q\.\k<x>\.Constraint|[0-9]+(\.[0-9]+)?),\s*(?<p>[0-9]+(\.[0-9]+)?)\)\s*$")]
    private static partial Regex QuotaLinear();

    [GeneratedRegex(@"^\s*Score\.Completion\(t\.(?<x>\w+)\.Actual,\s*t\.\k<x>\.Target,\s*(?<p>[0-9]+(\.[0-9]+)?)\)\s*$")]
    private static partial Regex TargetCompletion();

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
