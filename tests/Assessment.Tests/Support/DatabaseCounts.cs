using Assessment.Data;
using Dapper;

namespace Assessment.Tests.Support;

/// <summary>A count the tests read straight from the database, on a session of its own.</summary>
public static class DatabaseCounts
{
    /// <summary>The number <paramref name="sql"/> (a <c>SELECT COUNT(*) …</c>) gives.</summary>
    public static async Task<long> CountAsync(this Database database, string sql)
    {
        await using var session = await database.OpenAsync();
        return await session.Connection.ExecuteScalarAsync<long>(sql);
    }
}
