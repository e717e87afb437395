namespace Assessment.Domain;

/// <summary>
/// A five-year target (e.g. 2025 against 2020): the decline of each intensity from the baseline year to the target year,
/// as a fraction (0.05 = 5 % lower), and the caps on totals (双控) where set.
/// </summary>
public sealed record TargetPlan(
    TargetScope Scope,
    string ScopeCode,
    int BaselineYear,
    int TargetYear,
    double? EnergyPerAreaDecline,
    double? EnergyPerCapitaDecline,
    double? WaterPerCapitaDecline,
    double? Co2PerAreaDecline,
    double? EnergyCapTce,
    double? WaterCapM3,
    double? Co2CapTonnes,
    string? Note)
{
    /// <summary>The scope code of the prefecture's own targets.</summary>
    public const string PrefectureCode = "prefecture";

    /// <summary>Whether the plan covers <paramref name="year"/>: after its baseline year, up to its target year.</summary>
    public bool Covers(int year) => year > BaselineYear && year <= TargetYear;
}
