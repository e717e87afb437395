namespace Assessment.Domain;

/// <summary>An institution's building area and energy users as reported for one year.</summary>
public sealed record InstitutionYear(string Code, int Year, double BuildingAreaM2, int Users);
