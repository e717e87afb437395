namespace Assessment.Rules;

/// <summary>Whom a rule set assesses.</summary>
public enum RuleSetLevel
{
    /// <summary>Institutions: inputs <c>i q t m h p</c> (and <c>s</c>).</summary>
    Institution,
    /// <summary>Counties: inputs <c>c t h p</c> (and <c>s</c>), over county aggregates.</summary>
    County,
}
