namespace Assessment.Domain;

/// <summary>A public institution with its latest building area and number of energy users.</summary>
public sealed record Institution(
    string Code,
    string Name,
    string CountyCode,
    InstitutionCategory Category,
    double BuildingAreaM2,
    int Users,
    bool KeyUnit);
