using Assessment.Rules.Inputs;

namespace Assessment.Rules;

/// <summary>
/// The values a rule set is evaluated on for one subject. Which of them a rule set sees, and under which names, depends
/// on its level and kind (<see cref="Layout"/>): <c>i q t m h p</c> for institutions, <c>c t h p</c> for counties, and
/// <c>s</c> for the stages after scoring.
/// </summary>
public sealed class RuleInputs
{
    public SubjectFacts Subject { get; set; } = new();
    public QuotaFacts Quota { get; set; } = new();
    public TargetFacts Targets { get; set; } = new();
    public Checklist Checklist { get; set; } = new();
    public History History { get; set; } = new();
    public Population Population { get; set; } = new();
    public ScoreFacts Score { get; set; } = new();

    /// <summary>The same inputs with an empty <c>s</c>, for another run of the stages after scoring (the rest is shared, not copied).</summary>
    public RuleInputs WithFreshScore()
    {
        var copy = (RuleInputs)MemberwiseClone();
        copy.Score = new ScoreFacts();
        return copy;
    }

    /// <summary>One input as rules see it: its name in expressions, its type, and how to take it from the inputs.</summary>
    public sealed record Slot(string Name, Type Type, Func<RuleInputs, object> Get, Action<RuleInputs, object> Set);

    private static readonly Slot I = new("i", typeof(SubjectFacts), inputs => inputs.Subject, (inputs, value) => inputs.Subject = (SubjectFacts)value);
    private static readonly Slot C = I with { Name = "c" };
    private static readonly Slot Q = new("q", typeof(QuotaFacts), inputs => inputs.Quota, (inputs, value) => inputs.Quota = (QuotaFacts)value);
    private static readonly Slot T = new("t", typeof(TargetFacts), inputs => inputs.Targets, (inputs, value) => inputs.Targets = (TargetFacts)value);
    private static readonly Slot M = new("m", typeof(Checklist), inputs => inputs.Checklist, (inputs, value) => inputs.Checklist = (Checklist)value);
    private static readonly Slot H = new("h", typeof(History), inputs => inputs.History, (inputs, value) => inputs.History = (History)value);
    private static readonly Slot P = new("p", typeof(Population), inputs => inputs.Population, (inputs, value) => inputs.Population = (Population)value);
    private static readonly Slot S = new("s", typeof(ScoreFacts), inputs => inputs.Score, (inputs, value) => inputs.Score = (ScoreFacts)value);

    /// <summary>The inputs a rule set of <paramref name="level"/> and <paramref name="kind"/> sees, in argument order.</summary>
    public static IReadOnlyList<Slot> Layout(RuleSetLevel level, RuleSetKind kind)
    {
        var afterScoring = kind is RuleSetKind.Grading or RuleSetKind.Demonstration or RuleSetKind.Penalty or RuleSetKind.Incentive;
        IEnumerable<Slot> slots = level == RuleSetLevel.Institution ? [I, Q, T, M, H, P] : [C, T, H, P];
        return (afterScoring ? slots.Append(S) : slots).ToArray();
    }

    /// <summary>Every type an expression may reach, for the expression parser.</summary>
    public static Type[] Types { get; } =
    [
        typeof(SubjectFacts), typeof(IndicatorChangeFacts), typeof(QuotaFacts), typeof(QuotaZone), typeof(TargetFacts), typeof(TargetLine),
        typeof(Checklist), typeof(ChecklistEntry), typeof(History), typeof(Population), typeof(Distribution), typeof(ScoreFacts),
    ];

    /// <summary>Puts the parameters of <paramref name="layout"/> at the start of <paramref name="arguments"/> (an array reused for subject after subject).</summary>
    public void Fill(IReadOnlyList<Slot> layout, object?[] arguments)
    {
        for (var index = 0; index < layout.Count; index++)
        {
            arguments[index] = layout[index].Get(this);
        }
    }
}
