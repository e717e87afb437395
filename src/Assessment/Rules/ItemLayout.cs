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
    public static ItemLayout Of(CompiledRuleSet set) => new(set.Key, Scored(set.Rules, rule => rule.Properties.Mandatory, rule => rule.Children)
        .Select(entry => Make(entry.Rule.Name, entry.Group?.Name, entry.Rule.Properties)).ToArray());

    /// <summary>
    /// The layout of a published version's <paramref name="text"/>, read without compiling it: the same rules the
    /// compiler keeps (enabled ones; mandatory conditions are not items), in the same order.
    /// </summary>
    public static ItemLayout Read(string text)
    {
        var document = JsonSerializer.Deserialize<RuleSetDocument>(text, RuleSetReader.Options)
                       ?? throw new JsonException("A rule set is a JSON object.");
        return new ItemLayout($"{document.Id}@{RuleSetReader.Hash(text)}", Scored(
                (document.Workflow.Rules ?? []).Where(rule => rule.Enabled),
                rule => new RuleProperties(rule.Properties).Mandatory,
                rule => (rule.Rules ?? []).Where(child => child.Enabled))
            .Select(entry => Make(entry.Rule.RuleName ?? "", entry.Group?.RuleName, new RuleProperties(entry.Rule.Properties))).ToArray());
    }

    /// <summary>
    /// Which rules are the columns of a set's flat rows, in order: every rule that is not a mandatory condition, each
    /// followed by its items with the group they belong to. The one definition, for a compiled set
    /// (<see cref="CompiledRuleSet.ScoredItems"/>) and for a stored version's text alike.
    /// </summary>
    internal static IEnumerable<(TRule Rule, TRule? Group)> Scored<TRule>(IEnumerable<TRule> rules, Func<TRule, bool> mandatory,
        Func<TRule, IEnumerable<TRule>> children)
        where TRule : class
    {
        foreach (var rule in rules.Where(rule => !mandatory(rule)))
        {
            yield return (rule, null);
            foreach (var child in children(rule))
            {
                yield return (child, rule);
            }
        }
    }

    private static Column Make(string name, string? group, RuleProperties properties) =>
        new(name, group, properties.Label, properties.LabelEn, properties.Points ?? 0, properties.Star, properties.Bonus);
}
