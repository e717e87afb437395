using Assessment.Domain;

namespace Assessment.Reports;

/// <summary>
/// The building area and energy users of an institution for a year: as recorded for that year, else the nearest recorded
/// year (the earlier one on a tie), else the institution's current record.
/// </summary>
public sealed class InstitutionProfiles(IReadOnlyList<InstitutionYear> years)
{
    private readonly ILookup<string, InstitutionYear> _byCode = years.ToLookup(year => year.Code, StringComparer.Ordinal);

    /// <summary>Area (m²) and users of <paramref name="institution"/> in <paramref name="year"/>.</summary>
    public (double BuildingAreaM2, int Users) For(Institution institution, int year)
    {
        var nearest = _byCode[institution.Code]
            .OrderBy(profile => Math.Abs(profile.Year - year))
            .ThenBy(profile => profile.Year)
            .FirstOrDefault();
        return nearest is null ? (institution.BuildingAreaM2, institution.Users) : (nearest.BuildingAreaM2, nearest.Users);
    }
}
