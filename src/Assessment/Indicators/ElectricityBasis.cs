namespace Assessment.Indicators;

/// <summary>How electricity is converted to standard coal: a setting of the factor table, never hard-coded.</summary>
public enum ElectricityBasis
{
    /// <summary>当量值: the calorific equivalent, 0.1229 kgce/kWh.</summary>
    Equivalent,
    /// <summary>等价值: the coal used to generate it, about 0.30–0.31 kgce/kWh.</summary>
    Generation,
}
