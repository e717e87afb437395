namespace Assessment.Rules.Inputs;

/// <summary><c>h</c>: what earlier years left: grades, penalties, titles, and earlier values of the indicators.</summary>
public sealed class History
{
    public int Year { get; set; }

    /// <summary>Grade code by year.</summary>
    public Dictionary<int, string> Grades { get; set; } = [];

    /// <summary>Penalty actions by year (e.g. <c>warning</c>, <c>ineligible-demonstration</c>).</summary>
    public Dictionary<int, List<string>> Penalties { get; set; } = [];

    /// <summary>Demonstration programmes qualified for, by year.</summary>
    public Dictionary<int, List<string>> Titles { get; set; } = [];

    /// <summary>Indicator values of earlier years, by year then indicator name (<c>EnergyPerArea</c>…).</summary>
    public Dictionary<int, Dictionary<string, double>> Values { get; set; } = [];

    /// <summary>The grade <paramref name="yearsAgo"/> years before; empty when none.</summary>
    public string Grade(int yearsAgo) => Grades.GetValueOrDefault(Year - yearsAgo, "");

    /// <summary>Whether penalty <paramref name="action"/> was imposed in the last <paramref name="years"/> years.</summary>
    public bool Penalized(string action, int years)
    {
        // Loops, not queries: rules ask this of every subject.
        for (var back = 1; back <= years; back++)
        {
            if (Penalties.TryGetValue(Year - back, out var actions) && actions.Contains(action))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether programme <paramref name="programme"/> was qualified for in any earlier year.</summary>
    public bool HasTitle(string programme)
    {
        foreach (var (year, titles) in Titles)
        {
            if (year < Year && titles.Contains(programme))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Energy per area <paramref name="yearsAgo"/> years before; NaN when unknown.</summary>
    public double EnergyPerArea(int yearsAgo) => Value(yearsAgo, nameof(SubjectFacts.EnergyPerArea));

    /// <summary>Energy per capita <paramref name="yearsAgo"/> years before; NaN when unknown.</summary>
    public double EnergyPerCapita(int yearsAgo) => Value(yearsAgo, nameof(SubjectFacts.EnergyPerCapita));

    /// <summary>Water per capita <paramref name="yearsAgo"/> years before; NaN when unknown.</summary>
    public double WaterPerCapita(int yearsAgo) => Value(yearsAgo, nameof(SubjectFacts.WaterPerCapita));

    private double Value(int yearsAgo, string indicator) =>
        Values.TryGetValue(Year - yearsAgo, out var values) && values.TryGetValue(indicator, out var value) ? value : double.NaN;
}
