namespace Assessment.Workflows;

/// <summary>Another change reached the instance first: nothing was changed; read it again and retry.</summary>
public sealed class WorkflowConflictException(string message) : Exception(message);
