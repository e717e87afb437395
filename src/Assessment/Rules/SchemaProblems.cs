using Assessment.Resources;
using Json.Schema;

namespace Assessment.Rules;

/// <summary>
/// JSON Schema failures as messages an author can act on: <c>file: /json/pointer (the named thing it lies in): what is
/// wrong</c>, a member the schema does not allow said plainly, at most 50.
/// </summary>
public static class SchemaProblems
{
    /// <summary>
    /// The messages of <paramref name="evaluation"/> (evaluated with <see cref="OutputFormat.List"/>); <paramref name="named"/>
    /// gives " (rule 'x')" or similar for a location, or ""; <paramref name="fallback"/> is said when the schema gave no detail.
    /// </summary>
    public static List<string> Of(EvaluationResults evaluation, string source, Func<string, string> named, string fallback)
    {
        var problems = (evaluation.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error =>
            {
                var location = detail.InstanceLocation.ToString();
                return $"{source}: {(location.Length == 0 ? "/" : location)}{named(location)}: {Readable(detail.EvaluationPath.ToString(), error.Value, location)}";
            }))
            .Distinct()
            .Take(50)
            .ToList();
        if (problems.Count == 0)
        {
            problems.Add($"{source}: {fallback}");
        }

        return problems;
    }

    // A member the schema does not allow fails against the "false" schema: say that plainly.
    private static string Readable(string evaluationPath, string message, string location) =>
        evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
            ? string.Format(Strings.RuleSetMemberUnknown, location.Split('/').LastOrDefault())
            : message;
}
