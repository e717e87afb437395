namespace Assessment.Domain;

/// <summary>The indicators that quota standards (定额) set values for.</summary>
public enum QuotaIndicator
{
    /// <summary>人均综合能耗, kgce/person.</summary>
    EnergyPerCapita,
    /// <summary>单位建筑面积能耗, kgce/m² (without official-vehicle fuel).</summary>
    EnergyPerArea,
    /// <summary>人均用水量, m³/person.</summary>
    WaterPerCapita,
}
