namespace Assessment.Workflows;

/// <summary>A workflow definition that cannot be used, or a trigger that may not fire: what and where, for the user.</summary>
public sealed class WorkflowException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public WorkflowException(string problem) : this([problem])
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;
}
