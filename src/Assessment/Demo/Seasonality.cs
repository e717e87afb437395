using Assessment.Domain;

namespace Assessment.Demo;

/// <summary>
/// How a year's use spreads over its months in Changji: heating from mid-October to mid-April, coldest in January;
/// cooling and longer days raise summer electricity; green spaces raise summer water; schools close in February and July–August.
/// </summary>
internal static class Seasonality
{
    public static readonly double[] Heating = [1.00, 0.85, 0.60, 0.20, 0, 0, 0, 0, 0, 0.25, 0.70, 0.95];
    public static readonly double[] Electricity = [1.10, 1.00, 1.00, 0.95, 0.95, 1.05, 1.15, 1.15, 1.00, 0.95, 1.00, 1.10];
    public static readonly double[] Water = [0.80, 0.75, 0.85, 0.95, 1.10, 1.25, 1.35, 1.30, 1.10, 0.95, 0.80, 0.80];
    public static readonly double[] Flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    public static readonly double[] Vehicles = [0.90, 0.85, 1.00, 1.00, 1.05, 1.05, 1.00, 1.00, 1.05, 1.05, 1.00, 1.05];
    public static readonly double[] Solar = [0.50, 0.60, 0.80, 1.00, 1.20, 1.30, 1.30, 1.20, 1.00, 0.80, 0.55, 0.45];
    private static readonly double[] SchoolTerm = [1, 0.55, 1, 1, 1, 1, 0.60, 0.50, 1, 1, 1, 1];

    /// <summary>
    /// Shares of the year's use per month: the pattern, adjusted for school holidays, with a little noise, summing to 1
    /// so that the year's total is kept exactly.
    /// </summary>
    public static double[] Shares(double[] pattern, InstitutionCategory category, DemoRandom random, bool followsTerm = true)
    {
        var weights = new double[12];
        for (var m = 0; m < 12; m++)
        {
            var term = followsTerm && category == InstitutionCategory.Education ? SchoolTerm[m] : 1;
            weights[m] = pattern[m] * term * Math.Max(0.5, 1 + 0.05 * random.Normal());
        }

        var sum = weights.Sum();
        for (var m = 0; m < 12; m++)
        {
            weights[m] /= sum;
        }

        return weights;
    }
}
