namespace Assessment.Domain;

/// <summary>
/// A quota for one category and indicator, in force from <paramref name="FirstYear"/> until a later one replaces it:
/// the constraint value (约束值) must not be exceeded, the guide value (引导值) is the advanced level,
/// the baseline value (基准值) is the typical level where the standard gives one.
/// </summary>
public sealed record Quota(
    InstitutionCategory Category,
    QuotaIndicator Indicator,
    int FirstYear,
    double ConstraintValue,
    double? BaselineValue,
    double GuideValue,
    string Source);
