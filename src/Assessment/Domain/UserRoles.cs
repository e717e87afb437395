namespace Assessment.Domain;

/// <summary>Whether a user may act on a subject: the bureau on all, a county on itself and its institutions, an institution on itself.</summary>
public static class UserRoles
{
    /// <summary>Whether <paramref name="user"/> may act for <paramref name="subjectCode"/>, which belongs to <paramref name="countyCode"/>.</summary>
    public static bool Covers(this User user, string subjectCode, string countyCode) => user.Role switch
    {
        UserRole.Bureau or UserRole.System => true,
        UserRole.County => user.Scope == countyCode,
        UserRole.Institution => user.Scope == subjectCode,
        _ => false,
    };
}
