using System.Text.Json;

namespace Assessment.Rules;

/// <summary>
/// The scored items of a scoring (or demonstration) rule set in the order of its flat rows — each group before its
/// items, in file order — with what a result shows of each: name, group, labels, maximum, flags. Taken from a compiled
/// set, or read from a published version's text without compiling its expressions: stored results are shown with the
/// labels of the version that scored them, which never changes.
/// </summary>
public sealed class ItemLayout
{
    /// <summary>One column of a row: a scored item, or a group of items (<see cref="Group"/> null for both at the top).</summary>
    public sealed record Column(string Name, string? Group, string Label, string LabelEn, double MaxPoints, bool Star, bool Bonus);

    private ItemLayout(string key, IReadOnlyList<Column> columns) => (Key, Columns) = (key, columns);

    /// <summary>The version the layout is of, <c>id@hash</c> with the full hash (as runs record versions).</summary>
    public string Key { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <summary>The layout of a compiled set: its <see cref="CompiledRuleSet.ScoredItems"/>.</summary>
    public static ItemLayout Of(CompiledRuleSet set) => new(set.Key, Walk(
        set.Rules,
        rule => rule.Properties,
        rule => rule.Children,
        rule => rule.Name));

    /// <summary>
    /// The layout of a published version's <paramref name="text"/>, read without compiling it: the same rules the
    /// compiler keeps (enabled ones; mandatory conditions are not items), in the same order.
    /// </summary>
    public static ItemLayout Read(string text)
    {
        var document = JsonSerializer.Deserialize<RuleSetDocument>(text, RuleSetReader.Options)
                       ?? throw new JsonException("A rule set is a JSON object.");
        return new ItemLayout($"{document.Id}@{RuleSetReader.Hash(text)}", Walk(
            (document.Workflow.Rules ?? []).Where(rule => rule.Enabled),
            rule => new RuleProperties(rule.Properties),
            rule => (rule.Rules ?? []).Where(child => child.Enabled).ToArray(),
            rule => rule.RuleName ?? ""));
    }

    private static Column[] Walk<TRule>(IEnumerable<TRule> rules, Func<TRule, RuleProperties> properties, Func<TRule, IReadOnlyList<TRule>> children,
        Func<TRule, string> name)
    {
        var columns = new List<Column>();
        foreach (var rule in rules)
        {
            var own = properties(rule);
            if (own.Mandatory)
            {
                continue;
            }

            columns.Add(Make(name(rule), null, own));
            columns.AddRange(children(rule).Select(child => Make(name(child), name(rule), properties(child))));
        }

        return [.. columns];

        static Column Make(string name, string? group, RuleProperties properties) =>
            new(name, group, properties.Label, properties.LabelEn, properties.Points ?? 0, properties.Star, properties.Bonus);
    }
}
