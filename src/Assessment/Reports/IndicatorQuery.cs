using Assessment.Domain;
using Assessment.Indicators;

namespace Assessment.Reports;

/// <summary>What an indicator report is asked for.</summary>
/// <param name="BaselineYear">Compare against this year instead of the baseline year of the plan in force.</param>
/// <param name="CountyCode">Only institutions of this county.</param>
/// <param name="Category">Only institutions of this category.</param>
public sealed record IndicatorQuery(
    int Year,
    IndicatorLevel Level = IndicatorLevel.Institution,
    int? BaselineYear = null,
    string? CountyCode = null,
    InstitutionCategory? Category = null);
