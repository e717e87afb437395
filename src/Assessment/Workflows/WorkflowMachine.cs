using Stateless;
using Stateless.Graph;

namespace Assessment.Workflows;

/// <summary>
/// A workflow definition as a Stateless state machine whose state lives outside it (the stored instance): each trigger
/// is permitted from its states to its target, behind guards that name what must hold. Not shared between threads.
/// </summary>
public static class WorkflowMachine
{
    /// <summary>
    /// The machine for one instance. <paramref name="guards"/> says, per trigger, whether its guard holds (computed before,
    /// since Stateless guards must have no side effects); a trigger without an entry has no guard.
    /// </summary>
    public static StateMachine<string, string> Build(WorkflowDefinition definition, Func<string> state, Action<string> setState,
        IReadOnlyDictionary<string, bool>? guards = null)
    {
        var machine = new StateMachine<string, string>(state, setState);
        foreach (var s in definition.States)
        {
            machine.Configure(s.Id);
        }

        foreach (var trigger in definition.Triggers)
        {
            foreach (var from in trigger.From)
            {
                var configuration = machine.Configure(from);
                if (trigger.Guard is { } guard)
                {
                    var holds = guards?.GetValueOrDefault(trigger.Id, false) ?? false;
                    configuration = from == trigger.To
                        ? configuration.PermitReentryIf(trigger.Id, () => holds, guard.Description.Current)
                        : configuration.PermitIf(trigger.Id, trigger.To, () => holds, guard.Description.Current);
                }
                else
                {
                    configuration = from == trigger.To ? configuration.PermitReentry(trigger.Id) : configuration.Permit(trigger.Id, trigger.To);
                }
            }
        }

        return machine;
    }

    /// <summary>
    /// The definition as a Mermaid state diagram (exported by Stateless), each state shown with its label; with
    /// <paramref name="current"/>, that state is highlighted.
    /// </summary>
    public static string Diagram(WorkflowDefinition definition, string? current = null)
    {
        var state = definition.InitialState;
        var guards = definition.Triggers.Where(trigger => trigger.Guard is not null).ToDictionary(trigger => trigger.Id, _ => true);
        var lines = MermaidGraph.Format(Build(definition, () => state, s => state = s, guards).GetInfo())
            .Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();
        foreach (var s in definition.States)
        {
            // Stateless names a state without the characters Mermaid would not take (targets-issued → targetsissued)
            // and gives it its name as a description: show the label instead.
            var alias = $"\t{Node(s.Id)} : ";
            var labelled = alias + s.Label.Current;
            var index = lines.FindIndex(line => line == alias + s.Id);
            if (index >= 0)
            {
                lines[index] = labelled;
            }
            else
            {
                lines.Insert(1, labelled);
            }
        }

        if (current is not null)
        {
            lines.Add("\tclassDef current fill:#f96,stroke:#333,stroke-width:3px");
            lines.Add($"\tclass {Node(current)} current");
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The node name Stateless gives a state in Mermaid.</summary>
    public static string Node(string state) => new(state.Where(char.IsLetterOrDigit).ToArray());
}
