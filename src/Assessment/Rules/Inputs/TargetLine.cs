namespace Assessment.Rules.Inputs;

/// <summary>
/// One indicator of a five-year target. <see cref="Plan"/> is the decline due by the target year; <see cref="Target"/>
/// the decline due by the year assessed, spread evenly (compounded) over the plan; <see cref="Actual"/> the decline
/// reached since the baseline year; <see cref="Completion"/> = Actual ÷ Target. Fractions; NaN where unknown.
/// </summary>
public sealed class TargetLine
{
    public double Plan { get; set; } = double.NaN;
    public double Target { get; set; } = double.NaN;
    public double Actual { get; set; } = double.NaN;
    public double Completion => Target > 0 && !double.IsNaN(Actual) ? Actual / Target : double.NaN;
}
