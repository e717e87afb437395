namespace Assessment.Indicators;

/// <summary>
/// The standard-coal coefficients, densities and CO₂ factors in force for a range of years, with the grid factor per region.
/// Results record <see cref="Id"/> and <see cref="ContentHash"/> so that the table that produced them is known.
/// </summary>
public sealed record FactorTable(
    string Id,
    string TitleZh,
    string TitleEn,
    int FirstYear,
    int LastYear,
    ElectricityBasis ElectricityBasis,
    IReadOnlyDictionary<EnergyCarrier, FactorValue> StandardCoal,
    IReadOnlyDictionary<EnergyCarrier, FactorValue> DensityKgPerL,
    IReadOnlyDictionary<EnergyCarrier, FactorValue> Co2,
    IReadOnlyDictionary<string, FactorValue> GridKgCo2PerKwh,
    string ContentHash)
{
    /// <summary>The grid region every table must define, used where a county's region is missing.</summary>
    public const string NationalGrid = "national";

    /// <summary>Whether the table is in force for <paramref name="year"/>.</summary>
    public bool Covers(int year) => year >= FirstYear && year <= LastYear;

    /// <summary>kgce per unit of <paramref name="carrier"/> as reported (kWh, m³, kg, MJ, kgce).</summary>
    public double Kgce(EnergyCarrier carrier) => carrier == EnergyCarrier.Other ? 1.0 : StandardCoal[carrier].Value;

    /// <summary>The grid factor of <paramref name="region"/>, or the national one when the table has none for it.</summary>
    public double GridFactor(string? region) =>
        region is not null && GridKgCo2PerKwh.TryGetValue(region, out var factor)
            ? factor.Value
            : GridKgCo2PerKwh[NationalGrid].Value;
}
