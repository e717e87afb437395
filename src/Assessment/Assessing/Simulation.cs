namespace Assessment.Assessing;

/// <summary>What a draft rule set would change for a year, against the rule sets in force, with nothing stored.</summary>
public sealed record Simulation(
    int Year,
    string Draft,
    int Subjects,
    int GradeChanges,
    int RankChanges,
    int DemonstrationChanges,
    IReadOnlyDictionary<string, int> GradesBefore,
    IReadOnlyDictionary<string, int> GradesAfter,
    IReadOnlyList<Mover> Movers,
    TimeSpan Elapsed);

/// <summary>One subject's result before and after the draft.</summary>
public sealed record Mover(string Code, string Name, string? County, double ScoreBefore, double ScoreAfter, string GradeBefore, string GradeAfter,
    int RankBefore, int RankAfter, IReadOnlyList<string> DemonstrationsGained, IReadOnlyList<string> DemonstrationsLost)
{
    public double Delta => ScoreAfter - ScoreBefore;
}
