using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Resources;
using Assessment.Rules;
using Json.Schema;

namespace Assessment.Workflows;

/// <summary>
/// Reads workflow definitions and refuses any that cannot work: unknown members, states that triggers or guards name
/// but that do not exist, states no trigger reaches, triggers no role may fire, guards naming rule sets that do not
/// exist. Every problem names the file and the state, trigger or rule set.
/// </summary>
public static class WorkflowReader
{
    public const string UserRoles = "bureau county institution system";

    private static readonly string[] Roles = UserRoles.Split(' ');

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(WorkflowReader).Assembly.GetManifestResourceStream("Assessment.Workflows.workflow.schema.json")
                           ?? throw new InvalidOperationException("The workflow schema is not embedded in the library.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    /// <summary>
    /// Accepts any rule-set name: for definitions checked when they were published (their guards' rule sets are checked
    /// again when they run) and for drawing a file without a database.
    /// </summary>
    public static Func<string, bool> AnyRuleSet { get; } = _ => true;

    /// <summary>A definition with its text and content hash.</summary>
    public sealed record Loaded(WorkflowDefinition Definition, string Text, string ContentHash, string Source);

    /// <summary>Reads every <c>*.json</c> of <paramref name="directory"/>; <paramref name="ruleSetExists"/> says which rule sets guards may name.</summary>
    public static IReadOnlyList<Loaded> ReadDirectory(string directory, Func<string, bool> ruleSetExists)
    {
        if (!Directory.Exists(directory))
        {
            throw new WorkflowException(string.Format(Strings.WorkflowFolderMissing, directory));
        }

        var problems = new List<string>();
        var loaded = new List<Loaded>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                loaded.Add(Parse(File.ReadAllText(file), file, ruleSetExists));
            }
            catch (WorkflowException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        problems.AddRange(loaded.GroupBy(item => item.Definition.DefinitionId).Where(group => group.Count() > 1)
            .Select(group => string.Format(Strings.WorkflowIdDuplicate, group.Key)));

        // A county's guard names a state of the institutions' workflow: it must be one.
        var institutionStates = loaded.Where(item => item.Definition.Subject == WorkflowSubject.Institution)
            .SelectMany(item => item.Definition.States).Select(state => state.Id).ToHashSet();
        foreach (var item in loaded.Where(item => item.Definition.Subject == WorkflowSubject.County))
        {
            problems.AddRange(item.Definition.Triggers
                .Where(trigger => trigger.Guard?.InstitutionsAtLeast is { } least && !institutionStates.Contains(least))
                .Select(trigger => $"{item.Source}: {string.Format(Strings.WorkflowGuardStateMissing, trigger.Id, trigger.Guard!.InstitutionsAtLeast)}"));
        }

        return problems.Count > 0 ? throw new WorkflowException(problems) : loaded;
    }

    /// <summary>Reads one definition; <paramref name="source"/> names it in messages.</summary>
    public static Loaded Parse(string text, string source, Func<string, bool> ruleSetExists)
    {
        WorkflowDefinition? definition;
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var evaluation = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!evaluation.IsValid)
            {
                throw new WorkflowException(SchemaProblems.Of(evaluation, source, location => Named(root, location), Strings.WorkflowSchemaInvalid));
            }

            definition = json.RootElement.Deserialize<WorkflowDefinition>(Options);
        }
        catch (JsonException e)
        {
            // The parser's message ends with its own 0-based position ("LineNumber: 4 | …"): the line is said once, 1-based.
            var message = e.Message.Split(" LineNumber:", 2)[0].TrimEnd();
            throw new WorkflowException(string.Format(Strings.WorkflowJsonInvalid, source, (e.LineNumber ?? 0) + 1, message));
        }

        var problems = Check(definition!, ruleSetExists).Select(problem => $"{source}: {problem}").ToArray();
        return problems.Length > 0
            ? throw new WorkflowException(problems)
            : new Loaded(definition!, text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), source);
    }

    // " (trigger 'x')" or " (state 'x')" when the location lies inside one, so that the author finds it by name.
    private static string Named(JsonElement root, string location)
    {
        var parts = location.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] is not ("triggers" or "states") || !int.TryParse(parts[1], out var index)
            || !root.TryGetProperty(parts[0], out var list) || list.ValueKind != JsonValueKind.Array || index >= list.GetArrayLength()
            || !list[index].TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            return "";
        }

        return " (" + string.Format(parts[0] == "triggers" ? Strings.WorkflowTriggerNamed : Strings.WorkflowStateNamed, id.GetString()) + ")";
    }

    private static IEnumerable<string> Check(WorkflowDefinition definition, Func<string, bool> ruleSetExists)
    {
        var states = definition.States.Select(state => state.Id).ToHashSet();
        foreach (var duplicate in definition.States.GroupBy(state => state.Id).Where(group => group.Count() > 1))
        {
            yield return string.Format(Strings.WorkflowStateDuplicate, duplicate.Key);
        }

        foreach (var duplicate in definition.Triggers.GroupBy(trigger => trigger.Id).Where(group => group.Count() > 1))
        {
            yield return string.Format(Strings.WorkflowTriggerDuplicate, duplicate.Key);
        }

        foreach (var state in definition.States.Where(state => state.Deadline is { } d && d.Day > DateTime.DaysInMonth(2001, d.Month)))
        {
            // Checked against a common year: a deadline on 29 February would not exist three years in four.
            yield return string.Format(Strings.WorkflowDeadlineInvalid, state.Id, state.Deadline!.Month, state.Deadline.Day);
        }

        if (!states.Contains(definition.InitialState))
        {
            yield return string.Format(Strings.WorkflowStateUnknown, "initialState", definition.InitialState);
        }

        foreach (var trigger in definition.Triggers)
        {
            foreach (var state in trigger.From.Append(trigger.To).Where(state => !states.Contains(state)))
            {
                yield return string.Format(Strings.WorkflowStateUnknown, string.Format(Strings.WorkflowTriggerNamed, trigger.Id), state);
            }

            if (trigger.From.Count == 0)
            {
                yield return string.Format(Strings.WorkflowTriggerNoFrom, trigger.Id);
            }

            if (trigger.Roles.Count == 0)
            {
                yield return string.Format(Strings.WorkflowTriggerNoRole, trigger.Id);
            }

            foreach (var role in trigger.Roles.Where(role => !Roles.Contains(role)))
            {
                yield return string.Format(Strings.WorkflowRoleUnknown, trigger.Id, role, UserRoles);
            }

            if (trigger.Guard?.RuleSet is { } ruleSet && !ruleSetExists(ruleSet))
            {
                yield return string.Format(Strings.WorkflowGuardRuleSetMissing, trigger.Id, ruleSet);
            }

            if (trigger.Guard?.InstitutionsAtLeast is { } least && definition.Subject != WorkflowSubject.County)
            {
                yield return string.Format(Strings.WorkflowGuardCountyOnly, trigger.Id, least);
            }
        }

        foreach (var final in definition.States.Where(state => state.Final && definition.Triggers.Any(trigger => trigger.From.Contains(state.Id))))
        {
            yield return string.Format(Strings.WorkflowFinalHasExit, final.Id);
        }

        var reached = new HashSet<string> { definition.InitialState };
        var queue = new Queue<string>(reached);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var next in definition.Triggers.Where(trigger => trigger.From.Contains(state)).Select(trigger => trigger.To))
            {
                if (reached.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        foreach (var unreachable in definition.States.Where(state => !reached.Contains(state.Id)))
        {
            yield return string.Format(Strings.WorkflowStateUnreachable, unreachable.Id);
        }
    }
}
