namespace Assessment.Workflows;

/// <summary>An instance waiting for a user: what it is, where it stands, what the user may fire, and by when.</summary>
public sealed record InboxItem(WorkflowInstance Instance, string SubjectName, string StateLabel, IReadOnlyList<WorkflowTrigger> Triggers, DateOnly? Deadline, bool Overdue);
