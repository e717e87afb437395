namespace Assessment.Indicators;

/// <summary>The energies of the public-institution statistics form that carry a standard-coal coefficient.</summary>
public enum EnergyCarrier
{
    Electricity,
    NaturalGas,
    Coal,
    Heat,
    Lpg,
    Diesel,
    Gasoline,
    Other,
}
