namespace Assessment.Rules.Inputs;

/// <summary>
/// <c>i</c> in institution rule sets, <c>c</c> in county rule sets: the subject's indicators for the year assessed.
/// Unknown values are NaN (nothing reported, no reference year).
/// </summary>
public sealed class SubjectFacts
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Category code (<c>organ</c>, <c>education</c>…); empty for a county.</summary>
    public string Category { get; set; } = "";

    /// <summary>County code; for a county, its own.</summary>
    public string County { get; set; } = "";

    public bool KeyUnit { get; set; }
    public int Year { get; set; }

    /// <summary>Months reported; for a county, summed over its institutions.</summary>
    public int MonthsReported { get; set; }

    public double EnergyKgce { get; set; } = double.NaN;
    public double EnergyTce => EnergyKgce / 1000;
    public double VehicleFuelKgce { get; set; } = double.NaN;
    public double EnergyPerCapita { get; set; } = double.NaN;
    public double EnergyPerArea { get; set; } = double.NaN;
    public double WaterM3 { get; set; } = double.NaN;
    public double WaterPerCapita { get; set; } = double.NaN;
    public double Co2Tonnes { get; set; } = double.NaN;
    public double Co2PerArea { get; set; } = double.NaN;
    public double BuildingAreaM2 { get; set; } = double.NaN;
    public double Users { get; set; } = double.NaN;

    /// <summary>Changes against the baseline year of the plan in force.</summary>
    public IndicatorChangeFacts VsBaseline { get; set; } = new();

    /// <summary>Changes against the previous year.</summary>
    public IndicatorChangeFacts VsPrevious { get; set; } = new();

    /// <summary>Building area against the previous year's, as a fraction (0.12 = 12 % more).</summary>
    public double AreaChange { get; set; } = double.NaN;

    /// <summary>Energy users against the previous year's, as a fraction.</summary>
    public double UsersChange { get; set; } = double.NaN;

    /// <summary>For a county: its institutions.</summary>
    public int Institutions { get; set; }

    /// <summary>For a county: the mean score of its institutions this year.</summary>
    public double AverageScore { get; set; } = double.NaN;

    /// <summary>For a county: the share of its institutions graded completed or better (0–1).</summary>
    public double ShareCompleted { get; set; } = double.NaN;

    /// <summary>For a county: the share of its institution-months reported (0–1).</summary>
    public double ReportingRate { get; set; } = double.NaN;
}
