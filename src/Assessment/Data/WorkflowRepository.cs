using Assessment.Workflows;
using Dapper;

namespace Assessment.Data;

/// <summary>
/// Workflow definitions (every version kept), instances, and transitions. A transition updates its instance only if the
/// instance's row version is the one read (optimistic concurrency) and appends a transition row in the same
/// transaction; nothing here updates or deletes a transition.
/// </summary>
public sealed class WorkflowRepository(DbSession session)
{
    private const string SelectInstances =
        "SELECT id AS Id, definition_id AS DefinitionId, content_hash AS ContentHash, year AS Year, subject AS Subject, subject_code AS SubjectCode, " +
        "state AS State, row_version AS RowVersion, created_at AS CreatedAt, updated_at AS UpdatedAt FROM workflow_instances";

    /// <summary>Stores a definition version unless stored already.</summary>
    public async Task PublishAsync(WorkflowReader.Loaded loaded, DateTime now, CancellationToken cancellationToken = default)
    {
        var exists = await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM workflow_definitions WHERE definition_id = @id AND content_hash = @hash",
            new { id = loaded.Definition.DefinitionId, hash = loaded.ContentHash }, session.Transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            await session.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO workflow_definitions (definition_id, content_hash, version, subject, document, published_at) VALUES (@id, @hash, @version, @subject, @document, @now)",
                new
                {
                    id = loaded.Definition.DefinitionId,
                    hash = loaded.ContentHash,
                    version = loaded.Definition.Version,
                    subject = loaded.Definition.Subject.ToString().ToLowerInvariant(),
                    document = loaded.Text,
                    now,
                },
                session.Transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>The text of a stored definition version.</summary>
    public async Task<string> DefinitionTextAsync(string definitionId, string contentHash, CancellationToken cancellationToken = default) =>
        await session.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document FROM workflow_definitions WHERE definition_id = @definitionId AND content_hash = @contentHash",
            new { definitionId, contentHash }, session.Transaction, cancellationToken: cancellationToken))
        ?? throw new DatabaseException(string.Format(Resources.Strings.WorkflowDefinitionMissing, definitionId, contentHash));

    /// <summary>The definition version <paramref name="instance"/> runs on (stored definitions were checked when published).</summary>
    public async Task<WorkflowDefinition> DefinitionOfAsync(WorkflowInstance instance, CancellationToken cancellationToken = default) =>
        WorkflowReader.Parse(await DefinitionTextAsync(instance.DefinitionId, instance.ContentHash, cancellationToken),
            $"{instance.DefinitionId}@{instance.ContentHash[..12]}", WorkflowReader.AnyRuleSet).Definition;

    /// <summary>The definition version of each of <paramref name="instances"/>, by content hash, each parsed once.</summary>
    public async Task<IReadOnlyDictionary<string, WorkflowDefinition>> DefinitionsOfAsync(IEnumerable<WorkflowInstance> instances,
        CancellationToken cancellationToken = default)
    {
        var definitions = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        foreach (var instance in instances.DistinctBy(instance => instance.ContentHash))
        {
            definitions[instance.ContentHash] = await DefinitionOfAsync(instance, cancellationToken);
        }

        return definitions;
    }

    /// <summary>Creates instances that do not exist yet (same definition, year and subject); returns how many were created.</summary>
    public async Task<int> CreateAsync(IReadOnlyList<WorkflowInstance> instances, CancellationToken cancellationToken = default)
    {
        var existing = (await session.Connection.QueryAsync<(string, int, string)>(new CommandDefinition(
            "SELECT definition_id, year, subject_code FROM workflow_instances", transaction: session.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        var added = instances.Where(instance => !existing.Contains((instance.DefinitionId, instance.Year, instance.SubjectCode))).ToArray();
        await BulkInsert.RunAsync(session, "workflow_instances",
            ["definition_id", "content_hash", "year", "subject", "subject_code", "state", "row_version", "created_at", "updated_at"], added,
            (instance, i) => i switch
            {
                0 => instance.DefinitionId,
                1 => instance.ContentHash,
                2 => instance.Year,
                3 => instance.Subject.ToString().ToLowerInvariant(),
                4 => instance.SubjectCode,
                5 => instance.State,
                6 => instance.RowVersion,
                7 => instance.CreatedAt,
                _ => instance.UpdatedAt,
            }, cancellationToken);
        return added.Length;
    }

    /// <summary>The instance <paramref name="id"/>, or null.</summary>
    public async Task<WorkflowInstance?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync(" WHERE id = @id", new { id }, cancellationToken)).SingleOrDefault();

    /// <summary>The instances of <paramref name="year"/> (every year when null), by subject.</summary>
    public Task<IReadOnlyList<WorkflowInstance>> ListAsync(int? year, CancellationToken cancellationToken = default) =>
        year is { } y
            ? QueryAsync(" WHERE year = @y ORDER BY subject DESC, subject_code", new { y }, cancellationToken)
            : QueryAsync(" ORDER BY year, subject DESC, subject_code", new { }, cancellationToken);

    /// <summary>
    /// Moves <paramref name="instance"/> to <paramref name="to"/> and records the transition, if nobody changed the
    /// instance since it was read; otherwise throws <see cref="WorkflowConflictException"/> and changes nothing.
    /// </summary>
    public async Task<WorkflowTransition> TransitionAsync(WorkflowInstance instance, string to, string trigger, string actor, string role, string? comment,
        DateTime now, CancellationToken cancellationToken = default)
    {
        var own = session.Transaction is null;
        if (own)
        {
            await session.BeginAsync(cancellationToken);
        }

        var updated = await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workflow_instances SET state = @to, row_version = row_version + 1, updated_at = @now WHERE id = @id AND row_version = @version",
            new { to, now, id = instance.Id, version = instance.RowVersion }, session.Transaction, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            if (own)
            {
                await session.RollbackAsync(cancellationToken);
            }

            throw new WorkflowConflictException(string.Format(Resources.Strings.WorkflowConflict, instance.Id));
        }

        var id = await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            session.Dialect.InsertReturningId("workflow_transitions", ["instance_id", "actor", "role", "trigger_id", "from_state", "to_state", "comment", "at"]),
            new { instance_id = instance.Id, actor, role, trigger_id = trigger, from_state = instance.State, to_state = to, comment, at = now },
            session.Transaction,
            cancellationToken: cancellationToken));
        if (own)
        {
            await session.CommitAsync(cancellationToken);
        }

        return new WorkflowTransition(id, instance.Id, actor, role, trigger, instance.State, to, comment, now);
    }

    /// <summary>Every transition of <paramref name="instanceId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<WorkflowTransition>> HistoryAsync(long instanceId, CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<TransitionRow>(new CommandDefinition(
            "SELECT id AS Id, instance_id AS InstanceId, actor AS Actor, role AS Role, trigger_id AS TriggerId, from_state AS FromState, to_state AS ToState, " +
            "comment AS Comment, at AS At FROM workflow_transitions WHERE instance_id = @instanceId ORDER BY id",
            new { instanceId }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new WorkflowTransition(row.Id, row.InstanceId, row.Actor, row.Role, row.TriggerId, row.FromState, row.ToState, row.Comment, row.At)).ToArray();
    }

    private async Task<IReadOnlyList<WorkflowInstance>> QueryAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await session.Connection.QueryAsync<InstanceRow>(new CommandDefinition(
            SelectInstances + where, parameters, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new WorkflowInstance(row.Id, row.DefinitionId, row.ContentHash, row.Year,
            Enum.Parse<WorkflowSubject>(row.Subject, ignoreCase: true), row.SubjectCode, row.State, row.RowVersion, row.CreatedAt, row.UpdatedAt)).ToArray();
    }

    private sealed class InstanceRow
    {
        public long Id { get; set; }
        public string DefinitionId { get; set; } = "";
        public string ContentHash { get; set; } = "";
        public int Year { get; set; }
        public string Subject { get; set; } = "";
        public string SubjectCode { get; set; } = "";
        public string State { get; set; } = "";
        public int RowVersion { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
    }

    private sealed class TransitionRow
    {
        public long Id { get; set; }
        public long InstanceId { get; set; }
        public string Actor { get; set; } = "";
        public string Role { get; set; } = "";
        public string TriggerId { get; set; } = "";
        public string FromState { get; set; } = "";
        public string ToState { get; set; } = "";
        public string? Comment { get; set; }
        public DateTime At { get; set; }
    }
}
