namespace Assessment.Domain;

/// <summary>The categories of public institution (DOMAIN.md §1); quotas differ by category.</summary>
public enum InstitutionCategory
{
    /// <summary>党政机关: party and government organs.</summary>
    Organ,
    /// <summary>教育: schools and universities.</summary>
    Education,
    /// <summary>卫生: hospitals and health centres.</summary>
    Health,
    /// <summary>文化体育场馆: culture and sports venues.</summary>
    CultureSports,
    /// <summary>其他事业单位: other public service units.</summary>
    OtherPublicService,
    /// <summary>团体组织: groups funded by the budget.</summary>
    Group,
}
