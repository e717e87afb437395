namespace Assessment.Demo;

/// <summary>
/// The figures the demo reproduces (DOMAIN.md §8, Changji 2020) and the path of the prefecture's indicators around them:
/// 2016→2020 as the study reports, 2020→2025 slightly better than the five-year targets.
/// </summary>
public static class DemoCalibration
{
    public const int FirstYear = 2016;
    public const int ReferenceYear = 2020;
    public const int LastYear = 2025;

    public const int Institutions2020 = 941;
    public const double BuildingAreaM2 = 5_737_200;
    public const long Users = 427_464;
    public const double EnergyPerCapita = 501.14;
    public const double EnergyPerArea = 35.20;
    public const double WaterPerCapita = 13.11;

    /// <summary>Changes 2020 against 2016 reported by the study.</summary>
    public const double EnergyPerCapitaChange2016 = -0.184;
    public const double EnergyPerAreaChange2016 = -0.117;
    public const double WaterPerCapitaChange2016 = -0.175;

    /// <summary>Changes 2025 against 2020 the demo reaches (the targets are −6 %, −5 %, −6 %).</summary>
    public const double EnergyPerCapitaChange2025 = -0.064;
    public const double EnergyPerAreaChange2025 = -0.055;
    public const double WaterPerCapitaChange2025 = -0.066;

    private static readonly double[] AreaIndex = [0.950, 0.960, 0.975, 0.990, 1.000, 1.005, 1.010, 1.013, 1.017, 1.020];
    private static readonly double[] UsersIndex = [0.975, 0.980, 0.990, 0.995, 1.000, 1.005, 1.010, 1.015, 1.020, 1.025];

    /// <summary>The years the demo holds.</summary>
    public static IEnumerable<int> Years => Enumerable.Range(FirstYear, LastYear - FirstYear + 1);

    /// <summary>The prefecture's building area in <paramref name="year"/> relative to 2020.</summary>
    public static double AreaFactor(int year) => AreaIndex[year - FirstYear];

    /// <summary>The prefecture's energy users in <paramref name="year"/> relative to 2020.</summary>
    public static double UsersFactor(int year) => UsersIndex[year - FirstYear];

    /// <summary>Energy per area (without vehicles) in <paramref name="year"/>, kgce/m².</summary>
    public static double EnergyPerAreaIn(int year) => EnergyPerArea * Path(year, EnergyPerAreaChange2016, EnergyPerAreaChange2025);

    /// <summary>Energy per capita (with vehicles) in <paramref name="year"/>, kgce/person.</summary>
    public static double EnergyPerCapitaIn(int year) => EnergyPerCapita * Path(year, EnergyPerCapitaChange2016, EnergyPerCapitaChange2025);

    /// <summary>Water per capita in <paramref name="year"/>, m³/person.</summary>
    public static double WaterPerCapitaIn(int year) => WaterPerCapita * Path(year, WaterPerCapitaChange2016, WaterPerCapitaChange2025);

    // A steady (geometric) path through 2016, 2020 and 2025.
    private static double Path(int year, double change2016To2020, double change2020To2025) => year <= ReferenceYear
        ? Math.Pow(1 / (1 + change2016To2020), (ReferenceYear - year) / 4.0)
        : Math.Pow(1 + change2020To2025, (year - ReferenceYear) / 5.0);
}
