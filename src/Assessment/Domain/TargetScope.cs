namespace Assessment.Domain;

/// <summary>Who a five-year target is handed down to.</summary>
public enum TargetScope
{
    /// <summary>The whole prefecture; its scope code is <see cref="TargetPlan.PrefectureCode"/>.</summary>
    Prefecture,
    /// <summary>A county-level unit, by county code.</summary>
    County,
    /// <summary>One institution, by institution code.</summary>
    Institution,
}
