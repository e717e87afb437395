using Microsoft.AspNetCore.Authorization;

namespace Assessment.Web.Auth;

/// <summary>Who may use which area: one policy per role, and the readers of results. Scope is checked by each handler on the server.</summary>
public static class Policies
{
    public const string Bureau = "bureau";
    public const string County = "county";
    public const string Institution = "institution";
    public const string Leader = "leader";

    /// <summary>Those who read rankings and charts: the bureau, leaders, and counties (their own county's).</summary>
    public const string Results = "results";

    /// <summary>Those who work in the assessment workflow: bureau, county, institution.</summary>
    public const string Workflow = "workflow";

    /// <summary>Adds the policies.</summary>
    public static AuthorizationBuilder AddAssessmentPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Bureau, policy => policy.RequireRole("bureau"))
        .AddPolicy(County, policy => policy.RequireRole("county"))
        .AddPolicy(Institution, policy => policy.RequireRole("institution"))
        .AddPolicy(Leader, policy => policy.RequireRole("leader"))
        .AddPolicy(Results, policy => policy.RequireRole("bureau", "leader", "county"))
        .AddPolicy(Workflow, policy => policy.RequireRole("bureau", "county", "institution"));
}
