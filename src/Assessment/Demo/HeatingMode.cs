namespace Assessment.Demo;

/// <summary>How a demo institution heats its buildings.</summary>
internal enum HeatingMode
{
    DistrictHeat,
    GasBoiler,
    CoalBoiler,
    Electric,
}
