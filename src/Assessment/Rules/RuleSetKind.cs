namespace Assessment.Rules;

/// <summary>What a rule set decides.</summary>
public enum RuleSetKind
{
    /// <summary>Items with points that add up to a score (the 100-point assessment).</summary>
    Scoring,
    /// <summary>Grade bands on the score, and veto items that force a grade.</summary>
    Grading,
    /// <summary>Whether a subject qualifies for a demonstration or leader programme: mandatory gates, optionally a score.</summary>
    Demonstration,
    /// <summary>Thresholds that trigger penalty actions.</summary>
    Penalty,
    /// <summary>Conditions that earn incentives, with their amounts.</summary>
    Incentive,
    /// <summary>Checks of the reported data, at warning or error level.</summary>
    DataQuality,
}
