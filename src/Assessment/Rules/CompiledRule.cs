namespace Assessment.Rules;

/// <summary>A rule ready to run: its condition, its output, its local parameters, its children, and its metadata.</summary>
public sealed class CompiledRule
{
    public required string Name { get; init; }
    public required RuleProperties Properties { get; init; }

    /// <summary>When the rule applies (scoring) or holds (gates, vetoes, bands, triggers); null for a group without one.</summary>
    public CompiledExpression? Condition { get; init; }

    /// <summary>The OutputExpression action run when the condition holds: points, an amount; null where the rule has none.</summary>
    public CompiledExpression? Output { get; init; }

    public IReadOnlyList<CompiledParam> Locals { get; init; } = [];
    public IReadOnlyList<CompiledRule> Children { get; init; } = [];

    /// <summary>How children combine for the condition of a group: <c>And</c> or <c>Or</c>.</summary>
    public string Operator { get; init; } = "And";

    public bool IsGroup => Children.Count > 0;

    /// <summary>The largest number of local parameters of this rule and its children, to size argument arrays.</summary>
    public int LocalDepth => Math.Max(Locals.Count, Children.Count == 0 ? 0 : Children.Max(child => child.LocalDepth));
}
