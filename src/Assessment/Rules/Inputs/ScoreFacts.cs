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
    /// <summary>Every scoring item's points by rule name (built from the scoring row on first use when the assessment gave one).</summary>
    public Dictionary<string, double> Items
    {
        get => _items ??= Materialise();
        set => _items = value;
    }

    private Dictionary<string, double>? _items;
    private IReadOnlyDictionary<string, int>? _columns;
    private double[]? _row;

    /// <summary>
    /// Takes the item points from the scoring stage's flat row (<see cref="RuleSetEvaluator.ScoreInto"/>) rather than a
    /// dictionary built for every subject: <paramref name="columns"/> maps a rule name to its column.
    /// </summary>
    public void UseRow(IReadOnlyDictionary<string, int> columns, double[] row)
    {
        (_columns, _row, _items) = (columns, row, null);
    }

    /// <summary>The points of scoring item <paramref name="item"/>; 0 when it did not apply.</summary>
    public double Points(string item) => _items is null && _row is not null
        ? _columns!.TryGetValue(item, out var column) && !double.IsNaN(_row[column]) ? _row[column] : 0
        : Items.GetValueOrDefault(item);

    private Dictionary<string, double> Materialise()
    {
        var items = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, column) in _columns ?? new Dictionary<string, int>())
        {
            items[name] = double.IsNaN(_row![column]) ? 0 : _row[column];
        }

        return items;
    }

    /// <summary>Whether the grade is <paramref name="grade"/> or better (excellent &gt; completed &gt; basic &gt; not-completed).</summary>
    public bool AtLeast(string grade) => GradeOrder.IndexOf(Grade) is >= 0 and var mine && mine <= GradeOrder.IndexOf(grade);

    private static readonly List<string> GradeOrder = ["excellent", "completed", "basic", "not-completed"];
}
