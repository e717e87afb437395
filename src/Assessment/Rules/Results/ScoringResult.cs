namespace Assessment.Rules.Results;

/// <summary>The score of one subject under one scoring rule set.</summary>
/// <param name="Earned">Points earned on the base items, before rescaling.</param>
/// <param name="ApplicableMax">The base maximum of the items that apply.</param>
public sealed record ScoringResult(string RuleSet, double Score, double MaxScore, double Earned, double ApplicableMax, double Bonus, IReadOnlyList<ItemResult> Items)
{
    /// <summary>Every item and group, groups before their items.</summary>
    public IEnumerable<ItemResult> AllItems => Items.SelectMany(item => new[] { item }.Concat(item.Children));
}
