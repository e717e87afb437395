namespace Assessment.Workflows;

/// <summary>One subject's year on one workflow: its state, and the version that guards it against concurrent changes.</summary>
public sealed record WorkflowInstance(
    long Id,
    string DefinitionId,
    string ContentHash,
    int Year,
    WorkflowSubject Subject,
    string SubjectCode,
    string State,
    int RowVersion,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>One transition, as kept for ever: who, in which role, when, from where to where, by which trigger, why.</summary>
public sealed record WorkflowTransition(long Id, long InstanceId, string Actor, string Role, string Trigger, string From, string To, string? Comment, DateTime At);
