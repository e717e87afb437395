namespace Assessment.Import;

/// <summary>The kinds of file the bureau and institutions import.</summary>
public enum ImportKind
{
    /// <summary>Counties and the prefecture-direct group.</summary>
    Counties,
    /// <summary>Institutions: code, name, county, category, building area, users, key-unit flag.</summary>
    Institutions,
    /// <summary>Monthly energy and water consumption.</summary>
    Consumption,
    /// <summary>Quotas per category and indicator.</summary>
    Quotas,
    /// <summary>Five-year targets of the prefecture, counties and institutions.</summary>
    Targets,
    /// <summary>The reviewed self-assessment checklist.</summary>
    Checklist,
}
