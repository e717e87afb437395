using Assessment.Domain;

namespace Assessment.Data;

/// <summary>The text codes enums are stored as.</summary>
public static class Codes
{
    /// <summary>Stored code of a county kind.</summary>
    public static string Of(CountyKind kind) => kind == CountyKind.PrefectureDirect ? "direct" : "county";

    /// <summary>Stored code of a quota indicator.</summary>
    public static string Of(QuotaIndicator indicator) => indicator switch
    {
        QuotaIndicator.EnergyPerCapita => "energy-per-capita",
        QuotaIndicator.EnergyPerArea => "energy-per-area",
        QuotaIndicator.WaterPerCapita => "water-per-capita",
        _ => throw new ArgumentOutOfRangeException(nameof(indicator)),
    };

    /// <summary>Stored code of a target scope.</summary>
    public static string Of(TargetScope scope) => scope.ToString().ToLowerInvariant();

    /// <summary>Stored code of a rule-set kind (<c>data-quality</c>).</summary>
    public static string Of(Rules.RuleSetKind kind) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    /// <summary>Stored code of a rule-set level.</summary>
    public static string Of(Rules.RuleSetLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Reads a stored county kind.</summary>
    public static CountyKind CountyKindFrom(string code) => code == "direct" ? CountyKind.PrefectureDirect : CountyKind.County;

    /// <summary>Reads a stored or written quota indicator; null when unknown.</summary>
    public static QuotaIndicator? QuotaIndicatorFrom(string code) =>
        Enum.GetValues<QuotaIndicator>().Cast<QuotaIndicator?>().FirstOrDefault(indicator => Of(indicator!.Value) == code);

    /// <summary>Reads a stored or written target scope; null when unknown.</summary>
    public static TargetScope? TargetScopeFrom(string code) =>
        Enum.GetValues<TargetScope>().Cast<TargetScope?>().FirstOrDefault(scope => Of(scope!.Value) == code);
}
