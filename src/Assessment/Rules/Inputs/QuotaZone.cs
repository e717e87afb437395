namespace Assessment.Rules.Inputs;

/// <summary>The quota values of one indicator: guide (引导值) ≤ baseline (基准值) ≤ constraint (约束值); NaN where not set.</summary>
public sealed class QuotaZone
{
    public double Guide { get; set; } = double.NaN;
    public double Baseline { get; set; } = double.NaN;
    public double Constraint { get; set; } = double.NaN;

    /// <summary>Where <paramref name="value"/> lies: <c>guide</c> (at or below the guide value), <c>baseline</c>, <c>constraint</c>, <c>over</c>, or empty when unknown.</summary>
    public string Zone(double value) =>
        double.IsNaN(value) || double.IsNaN(Constraint) ? ""
        : value <= Guide ? "guide"
        : !double.IsNaN(Baseline) && value <= Baseline ? "baseline"
        : value <= Constraint ? "constraint"
        : "over";
}
