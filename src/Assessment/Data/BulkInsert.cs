using System.Data.Common;

namespace Assessment.Data;

/// <summary>
/// Inserts many rows through one prepared command whose parameters are rebound per row: the fast path for the demo and
/// large imports, where a command per row would dominate. Runs inside the session's transaction.
/// </summary>
internal static class BulkInsert
{
    public static async Task<int> RunAsync<T>(
        DbSession session,
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<T> rows,
        Func<T, int, object?> value,
        CancellationToken cancellationToken)
    {
        await using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText =
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(column => "@" + column))})";
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@" + columns[i];
            command.Parameters.Add(parameters[i]);
        }

        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = value(row, i) ?? DBNull.Value;
            }

            if (count == 0 && session.Dialect.PrepareBulkCommands)
            {
                await command.PrepareAsync(cancellationToken);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        return count;
    }
}
