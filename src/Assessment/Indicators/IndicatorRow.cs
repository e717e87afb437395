namespace Assessment.Indicators;

/// <summary>
/// One row of an indicator report: an institution or a group, one year. The JSON form of this record (camelCase) is a
/// public interface: fields may be added, none removed or renamed.
/// </summary>
/// <param name="Level">institution, county, category or prefecture.</param>
/// <param name="Code">Institution code, county code, category code, or <c>prefecture</c>.</param>
/// <param name="County">County name; null for category and prefecture rows.</param>
/// <param name="Category">Category code; null for county and prefecture rows.</param>
/// <param name="MonthsReported">Months reported: by the institution, or summed over a group's institutions.</param>
/// <param name="MonthsExpected">12, or 12 per institution of a group.</param>
/// <param name="MissingMonths">The months an institution did not report; empty for groups.</param>
/// <param name="InstitutionsIncomplete">Institutions in the row with fewer than 12 months.</param>
/// <param name="FactorTable">The factor table used for the year, as <c>id@hash</c>.</param>
public sealed record IndicatorRow(
    string Level,
    string Code,
    string Name,
    string? County,
    string? CountyCode,
    string? Category,
    int Year,
    double? EnergyKgce,
    double? VehicleFuelKgce,
    double? EnergyPerCapita,
    double? EnergyPerArea,
    double? WaterM3,
    double? WaterPerCapita,
    double? Co2DirectTonnes,
    double? Co2IndirectTonnes,
    double? Co2Tonnes,
    double? Co2PerArea,
    double? BuildingAreaM2,
    long? Users,
    double? PvKwh,
    IndicatorChanges? ChangeVsBaseline,
    IndicatorChanges? ChangeVsPrevious,
    int MonthsReported,
    int MonthsExpected,
    IReadOnlyList<int> MissingMonths,
    int Institutions,
    int InstitutionsIncomplete,
    string? FactorTable);
