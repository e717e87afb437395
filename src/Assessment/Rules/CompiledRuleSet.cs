namespace Assessment.Rules;

/// <summary>A rule set whose every expression compiled, with where it came from and its content hash.</summary>
public sealed class CompiledRuleSet
{
    public required RuleSetDocument Document { get; init; }
    public required string Source { get; init; }
    public required string ContentHash { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<RuleInputs.Slot> Layout { get; init; }
    public required IReadOnlyList<CompiledParam> Globals { get; init; }
    public required IReadOnlyList<CompiledRule> Rules { get; init; }

    public string Id => Document.Id;

    /// <summary>The most local parameters any rule needs, to size the argument array of an evaluation (computed once).</summary>
    public int LocalDepth => _localDepth >= 0 ? _localDepth : _localDepth = Rules.Select(rule => rule.LocalDepth).DefaultIfEmpty(0).Max();

    // -1 until computed; an int is written whole, so threads scoring at once see -1 or the value.
    private int _localDepth = -1;
    public RuleSetKind Kind => Document.Kind;
    public RuleSetLevel Level => Document.Level;

    /// <summary><c>id@hash</c>: what a stored result records to name the exact version.</summary>
    public string VersionKey => $"{Id}@{ContentHash[..12]}";

    /// <summary><c>id@hash</c> with the full hash, as runs record the versions they used.</summary>
    public string Key => $"{Id}@{ContentHash}";

    /// <summary>
    /// The scored items of a scoring (or demonstration) set, groups before their items, in file order: the columns of
    /// the flat row <see cref="RuleSetEvaluator.ScoreInto"/> writes (computed once).
    /// </summary>
    public IReadOnlyList<CompiledRule> ScoredItems => _scoredItems ??=
        ItemLayout.Scored(Rules, rule => rule.Properties.Mandatory, rule => rule.Children).Select(entry => entry.Rule).ToArray();

    // Null until computed; a reference is written whole, and every thread computes the same list.
    private CompiledRule[]? _scoredItems;

    /// <summary>The column of each scored item's rule name in a row of <see cref="ScoredItems"/> (computed once).</summary>
    public IReadOnlyDictionary<string, int> ItemColumns => _itemColumns ??=
        ScoredItems.Select((rule, column) => (rule.Name, column)).ToDictionary(entry => entry.Name, entry => entry.column, StringComparer.Ordinal);

    private Dictionary<string, int>? _itemColumns;

    /// <summary>What a result shows of each column of <see cref="ScoredItems"/> (computed once).</summary>
    public ItemLayout ItemLayout => _itemLayout ??= ItemLayout.Of(this);

    private ItemLayout? _itemLayout;

    /// <summary>Every rule, children after their group, in file order.</summary>
    public IEnumerable<CompiledRule> AllRules => Rules.SelectMany(rule => new[] { rule }.Concat(rule.Children));
}
