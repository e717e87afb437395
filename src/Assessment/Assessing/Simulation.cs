namespace Assessment.Assessing;

/// <summary>What a draft rule set would change for a year, against the rule sets in force, with nothing stored.</summary>
/// <param name="GradeLabels">The label of each grade code, as the grading rule sets name it.</param>
/// <param name="Elapsed">How long the draft's assessment and the comparison took.</param>
/// <param name="DataLoadedAt">When the year's data it ran on was read (UTC).</param>
/// <param name="Loading">How long reading the year and assessing it with the rule sets in force took, once for any number of drafts.</param>
public sealed record Simulation(
    int Year,
    string Draft,
    int Subjects,
    int GradeChanges,
    int RankChanges,
    int DemonstrationChanges,
    IReadOnlyDictionary<string, int> GradesBefore,
    IReadOnlyDictionary<string, int> GradesAfter,
    IReadOnlyDictionary<string, string> GradeLabels,
    IReadOnlyList<Mover> Movers,
    TimeSpan Elapsed,
    DateTime DataLoadedAt,
    TimeSpan Loading);

/// <summary>
/// A year read once and assessed with the rule sets in force (<see cref="AssessmentService.SimulationBaseAsync"/>):
/// drafts are simulated against it without reading the database again.
/// </summary>
public sealed record SimulationBase(int Year, IReadOnlyList<Rules.CompiledRuleSet> InForce, AssessmentEngine.Prepared Prepared,
    AssessmentEngine.Outcome Before, DateTime LoadedAt, TimeSpan Loading);

/// <summary>One subject's result before and after the draft.</summary>
public sealed record Mover(string Code, string Name, string? County, double ScoreBefore, double ScoreAfter, string GradeBefore, string GradeAfter,
    int RankBefore, int RankAfter, IReadOnlyList<string> DemonstrationsGained, IReadOnlyList<string> DemonstrationsLost)
{
    public double Delta => ScoreAfter - ScoreBefore;
}
