namespace Assessment.Indicators;

/// <summary>What the rows of an indicator report stand for.</summary>
public enum IndicatorLevel
{
    /// <summary>One row per institution.</summary>
    Institution,
    /// <summary>One row per county-level unit (and the prefecture-direct group).</summary>
    County,
    /// <summary>One row per institution category.</summary>
    Category,
    /// <summary>One row for the whole prefecture.</summary>
    Prefecture,
}
