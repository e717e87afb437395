using Assessment.Scheduling;
using Dapper;

namespace Assessment.Data;

/// <summary>Reminders and escalations: at most one per kind, recipient, subject and period, so a repeated job adds none.</summary>
public sealed class NotificationRepository(DbSession session)
{
    /// <summary>Adds the notifications not already there; returns how many were new.</summary>
    public Task<int> AddAsync(IEnumerable<Notification> notifications, DateTime now, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.InsertIfAbsent("notifications", ["kind", "recipient", "subject_code", "period"], ["message", "created_at"]),
            notifications.Select(n => new { kind = n.Kind, recipient = n.Recipient, subject_code = n.SubjectCode, period = n.Period, message = n.Message, created_at = now }),
            session.Transaction, cancellationToken: cancellationToken));

    /// <summary>The newest notifications, optionally only those to one of <paramref name="recipients"/> or of one kind.</summary>
    public async Task<IReadOnlyList<Notification>> ListAsync(IReadOnlyCollection<string>? recipients, string? kind, int limit,
        CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        if (recipients is not null)
        {
            where.Add(session.Dialect.InList("recipient", "recipients"));
        }

        if (kind is not null)
        {
            where.Add("kind = @kind");
        }

        var rows = await session.Connection.QueryAsync<(string Kind, string Recipient, string SubjectCode, string Period, string Message, DateTime CreatedAt)>(new CommandDefinition(
            "SELECT kind, recipient, subject_code, period, message, created_at " +
            "FROM notifications" + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY id DESC",
            new { recipients = recipients?.ToArray() ?? [], kind }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Take(limit).Select(row => new Notification(row.Kind, row.Recipient, row.SubjectCode, row.Period, row.Message) { CreatedAt = row.CreatedAt })
            .ToArray();
    }
}
