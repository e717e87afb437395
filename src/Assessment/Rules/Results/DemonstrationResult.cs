namespace Assessment.Rules.Results;

/// <summary>Whether one subject qualifies for a demonstration or leader programme, and if not, why.</summary>
/// <param name="Score">The programme's score where it scores items, else null.</param>
/// <param name="Points">Each scored item's points, a row of the set's <c>ScoredItems</c> (<c>RuleSetEvaluator.Expand</c> itemises it).</param>
public sealed record DemonstrationResult(string Programme, string Title, string TitleEn, bool Qualifies, double? Score, IReadOnlyList<string> Failed,
    double[]? Points = null);
