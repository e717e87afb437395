namespace Assessment.Domain;

/// <summary>A county-level unit of the prefecture, or the prefecture-direct group.</summary>
/// <param name="GridRegion">Key of the regional power grid in the factor table (e.g. <c>northwest</c>); falls back to the national average.</param>
public sealed record County(string Code, string Name, CountyKind Kind, string GridRegion);
