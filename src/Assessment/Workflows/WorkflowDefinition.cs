using System.Text.Json.Serialization;
using Assessment.Rules;

namespace Assessment.Workflows;

/// <summary>
/// A workflow definition as written under <c>workflows/</c> (words follow Elsa's: <c>definitionId</c>, <c>version</c>):
/// the states a subject's year goes through, and the triggers that move it, each fired by the roles it names and
/// possibly guarded by a rule set. Executed on a Stateless state machine. See docs/workflows.md.
/// </summary>
public sealed record WorkflowDefinition(
    string DefinitionId,
    int Version,
    LocalizedText Title,
    WorkflowSubject Subject,
    string InitialState,
    IReadOnlyList<WorkflowState> States,
    IReadOnlyList<WorkflowTrigger> Triggers,
    string? Description = null)
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>The state <paramref name="id"/>, or null.</summary>
    public WorkflowState? State(string id) => States.FirstOrDefault(state => state.Id == id);

    /// <summary>The trigger <paramref name="id"/>, or null.</summary>
    public WorkflowTrigger? Trigger(string id) => Triggers.FirstOrDefault(trigger => trigger.Id == id);

    /// <summary>The position of a state in the declared order, for "at least this far" checks; −1 when unknown.</summary>
    public int Order(string state) => States.ToList().FindIndex(candidate => candidate.Id == state);
}

/// <summary>Whom an instance of a workflow is for.</summary>
public enum WorkflowSubject
{
    Institution,
    County,
}

/// <summary>A state, its labels, and the date it should be left by (if any).</summary>
public sealed record WorkflowState(string Id, LocalizedText Label, WorkflowDeadline? Deadline = null, bool Final = false);

/// <summary>
/// When a state should be left by, for the year assessed: <see cref="Month"/>/<see cref="Day"/> of the year
/// <see cref="YearOffset"/> years after it (1: the next year, when the year's data is complete).
/// </summary>
public sealed record WorkflowDeadline(int Month, int Day, int YearOffset = 1)
{
    public DateOnly For(int year) => new(year + YearOffset, Month, Day);
}

/// <summary>A trigger: from which states, to which state, who may fire it, and what must hold first.</summary>
public sealed record WorkflowTrigger(
    string Id,
    LocalizedText Label,
    IReadOnlyList<string> From,
    string To,
    IReadOnlyList<string> Roles,
    WorkflowGuard? Guard = null,
    bool RequiresComment = false);

/// <summary>
/// What must hold before a trigger fires: a rule set in force must pass for the subject (a data-quality set: no error;
/// a demonstration set: qualifies; a penalty set: nothing triggered), and/or every institution of a county must have
/// reached at least a state of their workflow.
/// </summary>
public sealed record WorkflowGuard(LocalizedText Description, string? RuleSet = null, string? InstitutionsAtLeast = null);
