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
        // A loop, not a sort: this runs for every institution and year read (1.6 million times nationally).
        InstitutionYear? nearest = null;
        var best = 0;
        foreach (var profile in _byCode[institution.Code])
        {
            var distance = Math.Abs(profile.Year - year);
            if (nearest is null || distance < best || (distance == best && profile.Year < nearest.Year))
            {
                (nearest, best) = (profile, distance);
            }
        }

        return nearest is null ? (institution.BuildingAreaM2, institution.Users) : (nearest.BuildingAreaM2, nearest.Users);
    }
}
