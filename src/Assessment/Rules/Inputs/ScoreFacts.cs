namespace Assessment.Rules.Inputs;

/// <summary>
/// <c>s</c>: what the earlier stages of the assessment gave the subject, for grading, demonstration, penalty and
/// incentive rule sets: its score and item points, grade, ranks, and data-quality findings.
/// </summary>
public sealed class ScoreFacts
{
    public double Score { get; set; } = double.NaN;
    public double MaxScore { get; set; } = double.NaN;
    public bool Vetoed { get; set; }
    public string Grade { get; set; } = "";
    public int Rank { get; set; }
    public int RankInCategory { get; set; }
    public int RankInCounty { get; set; }
    public int Count { get; set; }
    public int CountInCategory { get; set; }
    public int DataErrors { get; set; }
    public int DataWarnings { get; set; }
    public Dictionary<string, double> Items { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The points of scoring item <paramref name="item"/>; 0 when it did not apply.</summary>
    public double Points(string item) => Items.GetValueOrDefault(item);

    /// <summary>Whether the grade is <paramref name="grade"/> or better (excellent &gt; completed &gt; basic &gt; not-completed).</summary>
    public bool AtLeast(string grade) => GradeOrder.IndexOf(Grade) is >= 0 and var mine && mine <= GradeOrder.IndexOf(grade);

    private static readonly List<string> GradeOrder = ["excellent", "completed", "basic", "not-completed"];
}
