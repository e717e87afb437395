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

    /// <summary>The name of a role (<c>county</c> → 县市管理部门) in the current language.</summary>
    public static string Label(string role) =>
        Resources.Strings.ResourceManager.GetString("Role_" + role, Resources.Strings.Culture) ?? role;
}
