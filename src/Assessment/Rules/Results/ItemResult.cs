namespace Assessment.Rules.Results;

/// <summary>
/// The points of one scoring item (or group of items) for one subject. <see cref="ApplicableMax"/> is 0 when the item
/// does not apply, which lowers the maximum (and, with the rescale policy, scales the score up).
/// </summary>
public sealed record ItemResult(
    string Rule,
    string Label,
    string LabelEn,
    bool Applies,
    double Points,
    double MaxPoints,
    double ApplicableMax,
    bool Star,
    bool Bonus,
    IReadOnlyList<ItemResult> Children);
