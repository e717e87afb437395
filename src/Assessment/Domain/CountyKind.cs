namespace Assessment.Domain;

/// <summary>A county-level unit, or the group of prefecture-direct units (州直).</summary>
public enum CountyKind
{
    /// <summary>县/市: a county or county-level city.</summary>
    County,
    /// <summary>州直: units directly under the prefecture.</summary>
    PrefectureDirect,
}
