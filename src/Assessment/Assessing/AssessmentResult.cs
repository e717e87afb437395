using Assessment.Rules.Results;

namespace Assessment.Assessing;

/// <summary>
/// What an assessment gave one institution or county for a year. Its JSON (camelCase) is a public interface, stored with
/// each run and printed by <c>assessment rank --format json</c>: fields may be added, none renamed or removed.
/// </summary>
/// <param name="Score">The final score: the scoring rule set's, less points deducted by penalties.</param>
/// <param name="Items">Every scoring item and group, with the group a child belongs to.</param>
/// <param name="RuleSets">The exact versions used, as <c>id@hash</c>.</param>
public sealed record AssessmentResult(
    string Level,
    string Code,
    string Name,
    string? County,
    string? CountyCode,
    string? Category,
    int Year,
    double Score,
    double MaxScore,
    double Bonus,
    double Deducted,
    string Grade,
    string GradeLabel,
    bool Vetoed,
    IReadOnlyList<string> Vetoes,
    IReadOnlyList<ItemLine> Items,
    IReadOnlyList<DemonstrationLine> Demonstrations,
    IReadOnlyList<PenaltyResult> Penalties,
    IReadOnlyList<IncentiveResult> Incentives,
    IReadOnlyList<QualityIssue> Issues,
    int Rank,
    int RankInCategory,
    int RankInCounty,
    IReadOnlyList<string> RuleSets,
    string? FactorTable);

/// <summary>One scoring item in a result.</summary>
public sealed record ItemLine(string Rule, string? Group, string Label, string LabelEn, double Points, double MaxPoints, bool Applies, bool Star, bool Bonus);

/// <summary>One demonstration programme in a result.</summary>
public sealed record DemonstrationLine(string Programme, string Title, string TitleEn, bool Qualifies, double? Score, IReadOnlyList<string> Failed);
