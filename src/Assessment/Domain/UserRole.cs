namespace Assessment.Domain;

/// <summary>What a user may do: the bureau runs the year, a county reviews its institutions, an institution reports, a leader reads.</summary>
public enum UserRole
{
    Bureau,
    County,
    Institution,
    Leader,

    /// <summary>Scheduled jobs, acting on their own.</summary>
    System,
}
