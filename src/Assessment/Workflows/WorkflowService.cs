using Assessment.Assessing;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Resources;
using Assessment.Rules;
using Dapper;

namespace Assessment.Workflows;

/// <summary>
/// Runs the year's workflows: opens a year (an instance per institution and county with targets), fires triggers for
/// users (checking the trigger, the state, the role, the user's scope, the guard and the comment, then changing the
/// instance only if nobody else did), lists what waits for a user, and keeps every transition.
/// </summary>
public sealed class WorkflowService(Database database, TimeProvider clock)
{
    private readonly Dictionary<string, WorkflowDefinition> _definitions = [];
    private (int Year, string Stamp, GuardData Data)? _data;
    private DbSession? _checkedIn; // the session whose transaction the cached data was last checked in

    // What rule-set guards read for a year: the data, its facts, and the rule sets in force.
    private sealed record GuardData(AssessmentData Data, FactsBuilder Facts, IReadOnlyList<CompiledRuleSet> Sets);

    /// <summary>What opening a year did.</summary>
    public sealed record Opened(int Year, int Institutions, int Counties, int Created);

    /// <summary>Publishes the definitions of <paramref name="directory"/> and creates the year's instances that do not exist yet.</summary>
    public async Task<Opened> OpenYearAsync(int year, string directory, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var definitions = await LoadDefinitionsAsync(session, directory, cancellationToken);
        var institutions = await new InstitutionRepository(session).ListAsync(cancellationToken);
        var counties = await new CountyRepository(session).ListAsync(cancellationToken);
        var plans = await new TargetRepository(session).ListAsync(cancellationToken);
        var aggregator = new IndicatorAggregator(institutions, counties, "", plans);
        var now = clock.GetUtcNow().UtcDateTime;

        var withTargets = institutions.Where(institution => aggregator.PlanFor(IndicatorLevel.Institution, institution, year) is not null).ToArray();
        if (withTargets.Length == 0)
        {
            throw new WorkflowException(string.Format(Strings.WorkflowNoTargets, year));
        }

        var countyCodes = withTargets.Select(institution => institution.CountyCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        WorkflowInstance Instance(WorkflowReader.Loaded loaded, string code) => new(0, loaded.Definition.DefinitionId, loaded.ContentHash, year,
            loaded.Definition.Subject, code, loaded.Definition.InitialState, 0, now, now);

        var instances = new List<WorkflowInstance>();
        foreach (var loaded in definitions)
        {
            instances.AddRange(loaded.Definition.Subject == WorkflowSubject.Institution
                ? withTargets.Select(institution => Instance(loaded, institution.Code))
                : countyCodes.Select(code => Instance(loaded, code)));
        }

        await session.BeginAsync(cancellationToken);
        var repository = new WorkflowRepository(session);
        foreach (var loaded in definitions)
        {
            await repository.PublishAsync(loaded, now, cancellationToken);
        }

        var created = await repository.CreateAsync(instances, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new Opened(year, withTargets.Length, countyCodes.Length, created);
    }

    /// <summary>
    /// Fires <paramref name="trigger"/> on instance <paramref name="instanceId"/> as <paramref name="username"/>. Anything not
    /// permitted is a <see cref="WorkflowException"/> naming why, and changes nothing; a concurrent change is a
    /// <see cref="WorkflowConflictException"/>.
    /// </summary>
    public async Task<WorkflowTransition> FireAsync(long instanceId, string trigger, string username, string? comment,
        CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var user = await UserAsync(session, username, cancellationToken);
        return await FireOnAsync(session, instanceId, trigger, user, comment, cancellationToken);
    }

    /// <summary>One trigger to fire on one instance as one user.</summary>
    public sealed record FireRequest(long InstanceId, string Trigger, string Username, string? Comment = null);

    /// <summary>What a batch of fires did: the transitions made, and each request refused with why.</summary>
    public sealed record Batch(IReadOnlyList<WorkflowTransition> Fired, IReadOnlyList<(FireRequest Request, string Reason)> Refused);

    /// <summary>Fires <paramref name="trigger"/> on each of <paramref name="instanceIds"/> as <paramref name="username"/>; see the other overload.</summary>
    public Task<Batch> FireManyAsync(IReadOnlyList<long> instanceIds, string trigger, string username, string? comment,
        CancellationToken cancellationToken = default) =>
        FireManyAsync(instanceIds.Select(id => new FireRequest(id, trigger, username, comment)).ToArray(), cancellationToken);

    /// <summary>
    /// Fires each request in order, in one transaction: each is checked as by <see cref="FireAsync"/>, and one that is not
    /// permitted (or whose instance was moved meanwhile) is refused with the reason while the others go ahead. For a
    /// bureau acting on many units at once, the scheduled scoring and the demo.
    /// </summary>
    public async Task<Batch> FireManyAsync(IReadOnlyList<FireRequest> requests, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        var fired = new List<WorkflowTransition>();
        var refused = new List<(FireRequest, string)>();
        await session.BeginAsync(cancellationToken);
        foreach (var request in requests)
        {
            try
            {
                if (!users.TryGetValue(request.Username, out var user))
                {
                    users[request.Username] = user = await UserAsync(session, request.Username, cancellationToken);
                }

                fired.Add(await FireOnAsync(session, request.InstanceId, request.Trigger, user, request.Comment, cancellationToken));
            }
            catch (WorkflowException e)
            {
                refused.Add((request, string.Join("; ", e.Problems)));
            }
            catch (WorkflowConflictException e)
            {
                refused.Add((request, e.Message));
            }
        }

        await session.CommitAsync(cancellationToken);
        return new Batch(fired, refused);
    }

    private static async Task<User> UserAsync(DbSession session, string username, CancellationToken cancellationToken) =>
        await new UserRepository(session).GetAsync(username, cancellationToken)
        ?? throw new WorkflowException(string.Format(Strings.WorkflowUserUnknown, username));

    // Checks and fires one trigger on the session (in its transaction, if one is open); changes nothing when refused.
    private async Task<WorkflowTransition> FireOnAsync(DbSession session, long instanceId, string trigger, User user, string? comment,
        CancellationToken cancellationToken)
    {
        var repository = new WorkflowRepository(session);
        var instance = await repository.GetAsync(instanceId, cancellationToken)
                       ?? throw new WorkflowException(string.Format(Strings.WorkflowInstanceUnknown, instanceId));
        var definition = await DefinitionAsync(repository, instance, cancellationToken);
        var step = definition.Trigger(trigger)
                   ?? throw new WorkflowException(string.Format(Strings.WorkflowTriggerUnknown, trigger, string.Join("、", definition.Triggers.Select(Named))));

        var state = instance.State;
        var name = Named(step);
        if (!step.From.Contains(state))
        {
            var possible = definition.Triggers.Where(t => t.From.Contains(state) && t.Roles.Contains(user.RoleCode)).Select(Named).ToArray();
            throw new WorkflowException(string.Format(Strings.WorkflowNotFromState, name, StateLabel(definition, state),
                possible.Length > 0 ? string.Format(Strings.WorkflowPossibleNow, string.Join("、", possible)) : Strings.WorkflowNothingForRole));
        }

        if (!step.Roles.Contains(user.RoleCode))
        {
            throw new WorkflowException(string.Format(Strings.WorkflowRoleNotAllowed, user.Username, UserRoles.Label(user.RoleCode), name,
                string.Join("、", step.Roles.Select(UserRoles.Label))));
        }

        var countyCode = await CountyOfAsync(session, instance, cancellationToken);
        if (!user.Covers(instance.SubjectCode, countyCode))
        {
            throw new WorkflowException(string.Format(Strings.WorkflowOutOfScope, user.Username, user.Scope, instance.SubjectCode));
        }

        if (step.RequiresComment && string.IsNullOrWhiteSpace(comment))
        {
            throw new WorkflowException(string.Format(Strings.WorkflowCommentRequired, name));
        }

        var failures = step.Guard is { } guard ? await GuardFailuresAsync(session, instance, guard, cancellationToken) : [];
        var machine = WorkflowMachine.Build(definition, () => state, next => state = next, new Dictionary<string, bool> { [trigger] = failures.Count == 0 });
        if (!machine.CanFire(trigger, out var unmet))
        {
            const int Shown = 10;
            var listed = string.Join("; ", failures.Take(Shown)) + (failures.Count > Shown ? "; " + string.Format(Strings.WorkflowGuardMore, failures.Count - Shown) : "");
            throw new WorkflowException(string.Format(Strings.WorkflowGuardFailed, name, string.Join("; ", unmet), listed));
        }

        machine.Fire(trigger);
        return await repository.TransitionAsync(instance, state, trigger, user.Username, user.RoleCode, comment, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>What waits for <paramref name="user"/>: instances in their scope from whose state their role may fire a trigger.</summary>
    public async Task<IReadOnlyList<InboxItem>> InboxAsync(User user, int? year = null, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var repository = new WorkflowRepository(session);
        var names = await SubjectNamesAsync(session, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var items = new List<InboxItem>();
        foreach (var instance in await repository.ListAsync(year, cancellationToken))
        {
            var definition = await DefinitionAsync(repository, instance, cancellationToken); // cached per content hash

            var triggers = definition.Triggers.Where(t => t.From.Contains(instance.State) && t.Roles.Contains(user.RoleCode)).ToArray();
            var (name, county) = names.GetValueOrDefault(instance.SubjectCode, (instance.SubjectCode, instance.SubjectCode));
            if (triggers.Length == 0 || !user.Covers(instance.SubjectCode, county))
            {
                continue;
            }

            var deadline = definition.State(instance.State)?.Deadline?.For(instance.Year);
            items.Add(new InboxItem(instance, name, StateLabel(definition, instance.State), triggers, deadline, deadline < today));
        }

        return items;
    }

    /// <summary>One county: how many of its institutions are in each state (by label), and the state of its own workflow.</summary>
    public sealed record CountyStatus(string County, IReadOnlyDictionary<string, int> States, string? CountyState);

    /// <summary>How far a year is: the institutions' state labels in the order of their workflow, and each county.</summary>
    public sealed record YearStatus(IReadOnlyList<string> States, IReadOnlyList<CountyStatus> Counties);

    /// <summary>How far each county's institutions are in <paramref name="year"/>; empty when the year was not opened.</summary>
    public async Task<YearStatus> StatusAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var repository = new WorkflowRepository(session);
        var names = await SubjectNamesAsync(session, cancellationToken);
        var instances = await repository.ListAsync(year, cancellationToken);
        var order = new List<string>();
        var counties = new List<CountyStatus>();
        foreach (var group in instances.GroupBy(instance => instance.Subject == WorkflowSubject.County
                         ? instance.SubjectCode
                         : names.GetValueOrDefault(instance.SubjectCode).County ?? "")
                     .OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var states = new Dictionary<string, int>();
            string? own = null;
            foreach (var instance in group)
            {
                var definition = await DefinitionAsync(repository, instance, cancellationToken);
                var label = StateLabel(definition, instance.State);
                if (instance.Subject == WorkflowSubject.County)
                {
                    own = label;
                    continue;
                }

                states[label] = states.GetValueOrDefault(label) + 1;
                foreach (var state in definition.States.Select(state => state.Label.Current).Where(state => !order.Contains(state)))
                {
                    order.Add(state);
                }
            }

            counties.Add(new CountyStatus(names.GetValueOrDefault(group.Key).Name ?? group.Key, states, own));
        }

        return new YearStatus(order.Where(state => counties.Any(county => county.States.ContainsKey(state))).ToArray(), counties);
    }

    /// <summary>Every transition of an instance, and the instance with its definition.</summary>
    public async Task<(WorkflowInstance Instance, WorkflowDefinition Definition, IReadOnlyList<WorkflowTransition> Transitions)> HistoryAsync(long instanceId,
        CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var repository = new WorkflowRepository(session);
        var instance = await repository.GetAsync(instanceId, cancellationToken)
                       ?? throw new WorkflowException(string.Format(Strings.WorkflowInstanceUnknown, instanceId));
        return (instance, await DefinitionAsync(repository, instance, cancellationToken), await repository.HistoryAsync(instanceId, cancellationToken));
    }

    /// <summary>The definitions of <paramref name="directory"/>, checked, with the rule sets their guards may name taken from the database.</summary>
    public async Task<IReadOnlyList<WorkflowReader.Loaded>> LoadDefinitionsAsync(string directory, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return await LoadDefinitionsAsync(session, directory, cancellationToken);
    }

    private static async Task<IReadOnlyList<WorkflowReader.Loaded>> LoadDefinitionsAsync(DbSession session, string directory, CancellationToken cancellationToken)
    {
        var ruleSets = (await new RuleSetRepository(session).ListAsync(cancellationToken)).Select(set => set.RuleSetId).ToHashSet();
        return WorkflowReader.ReadDirectory(directory, ruleSets.Contains);
    }

    private async Task<WorkflowDefinition> DefinitionAsync(WorkflowRepository repository, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        if (!_definitions.TryGetValue(instance.ContentHash, out var definition))
        {
            _definitions[instance.ContentHash] = definition = await repository.DefinitionOfAsync(instance, cancellationToken);
        }

        return definition;
    }

    // The year's data for guards, read again only when something a guard reads may have changed.
    private async Task<GuardData> DataAsync(DbSession session, int year, CancellationToken cancellationToken)
    {
        // Within one batch's transaction nothing a guard reads changes but by this batch, which only moves instances.
        if (_data is { } current && current.Year == year && session.Transaction is not null && ReferenceEquals(_checkedIn, session))
        {
            return current.Data;
        }

        _checkedIn = session;
        var stamp = string.Join('/', await session.Connection.QuerySingleAsync<(long, long, long, long, long, long)>(new CommandDefinition(
            "SELECT (SELECT COUNT(*) FROM consumption), (SELECT COALESCE(MAX(id), 0) FROM imports), (SELECT COUNT(*) FROM checklist), " +
            "(SELECT COALESCE(MAX(seq), 0) FROM rule_set_versions), (SELECT COUNT(*) FROM institutions), (SELECT COALESCE(MAX(id), 0) FROM assessment_runs)",
            transaction: session.Transaction, cancellationToken: cancellationToken)));
        if (_data is { } cached && cached.Year == year && cached.Stamp == stamp)
        {
            return cached.Data;
        }

        var data = await AssessmentData.LoadAsync(database, year, cancellationToken: cancellationToken);
        var loaded = new GuardData(data, new FactsBuilder(data), await new AssessmentService(database, clock).InForceAsync(year, cancellationToken));
        _data = (year, stamp, loaded);
        return loaded;
    }

    // Why the guard does not hold for this instance now; empty when it holds.
    private async Task<IReadOnlyList<string>> GuardFailuresAsync(DbSession session, WorkflowInstance instance, WorkflowGuard guard,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        if (guard.InstitutionsAtLeast is { } least)
        {
            var repository = new WorkflowRepository(session);
            var institutions = (await new InstitutionRepository(session).ListAsync(cancellationToken))
                .Where(institution => institution.CountyCode == instance.SubjectCode).Select(institution => institution.Code).ToHashSet();
            foreach (var other in (await repository.ListAsync(instance.Year, cancellationToken))
                     .Where(other => other.Subject == WorkflowSubject.Institution && institutions.Contains(other.SubjectCode)))
            {
                var definition = await DefinitionAsync(repository, other, cancellationToken);
                if (definition.Order(least) < 0)
                {
                    failures.Add(string.Format(Strings.WorkflowGuardStateUnknown, least, definition.DefinitionId));
                    break;
                }

                if (definition.Order(other.State) < definition.Order(least))
                {
                    failures.Add(string.Format(Strings.WorkflowGuardBehind, other.SubjectCode, StateLabel(definition, other.State)));
                }
            }
        }

        if (guard.RuleSet is { } ruleSetId)
        {
            var (data, facts, sets) = await DataAsync(session, instance.Year, cancellationToken);
            var set = sets.FirstOrDefault(s => s.Id == ruleSetId)
                      ?? throw new WorkflowException(string.Format(Strings.WorkflowGuardRuleSetNotInForce, ruleSetId, instance.Year));
            var inputs = instance.Subject == WorkflowSubject.Institution
                ? facts.ForInstitution(data.Institutions.Single(institution => institution.Code == instance.SubjectCode))
                : facts.ForCounty(data.Counties.Single(county => county.Code == instance.SubjectCode), []);
            var subject = instance.SubjectCode;
            failures.AddRange(set.Kind switch
            {
                RuleSetKind.DataQuality => RuleSetEvaluator.Check(set, inputs, subject).Where(issue => issue.Level == "error")
                    .Select(issue => new LocalizedText(issue.Message, issue.MessageEn).Current),
                RuleSetKind.Demonstration => RuleSetEvaluator.Qualify(set, inputs, subject).Failed,
                RuleSetKind.Penalty => RuleSetEvaluator.Penalties(set, inputs, subject).Select(penalty => new LocalizedText(penalty.Label, penalty.LabelEn).Current),
                _ => [string.Format(Strings.WorkflowGuardKind, ruleSetId)],
            });
        }

        return failures;
    }

    private static async Task<string> CountyOfAsync(DbSession session, WorkflowInstance instance, CancellationToken cancellationToken) =>
        instance.Subject == WorkflowSubject.County
            ? instance.SubjectCode
            : await new InstitutionRepository(session).CountyOfAsync(instance.SubjectCode, cancellationToken) ?? "";

    private static async Task<Dictionary<string, (string Name, string County)>> SubjectNamesAsync(DbSession session, CancellationToken cancellationToken)
    {
        var names = (await new InstitutionRepository(session).ListAsync(cancellationToken))
            .ToDictionary(institution => institution.Code, institution => (institution.Name, institution.CountyCode));
        foreach (var county in await new CountyRepository(session).ListAsync(cancellationToken))
        {
            names.TryAdd(county.Code, (county.Name, county.Code));
        }

        return names;
    }

    // A step as people and the command both read it: its label, and the id the command takes.
    private static string Named(WorkflowTrigger trigger) => $"{trigger.Label.Current}（{trigger.Id}）";

    private static string StateLabel(WorkflowDefinition definition, string state) => definition.State(state)?.Label.Current ?? state;
}
