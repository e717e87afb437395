namespace Assessment.Domain;

/// <summary>A user: their role, and for a county or institution user the county or institution code they act for.</summary>
public sealed record User(string Username, string DisplayName, UserRole Role, string? Scope)
{
    /// <summary>The actor scheduled jobs act as.</summary>
    public static User System { get; } = new("system", "系统任务", UserRole.System, null);

    /// <summary>The role as written in definitions and the database.</summary>
    public string RoleCode => Role.ToString().ToLowerInvariant();
}
