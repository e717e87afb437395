using Assessment.Domain;
using Dapper;

namespace Assessment.Data;

/// <summary>Counties and the prefecture-direct group.</summary>
public sealed class CountyRepository(DbSession session)
{
    /// <summary>Adds or updates counties.</summary>
    public Task UpsertAsync(IEnumerable<County> counties, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("counties", ["code"], ["name", "kind", "grid_region"]),
            counties.Select(county => new { code = county.Code, name = county.Name, kind = Codes.Of(county.Kind), grid_region = county.GridRegion }),
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>All counties, by code.</summary>
    public async Task<IReadOnlyList<County>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT code AS Code, name AS Name, kind AS Kind, grid_region AS GridRegion FROM counties ORDER BY code",
            transaction: session.Transaction,
            cancellationToken: cancellationToken));
        return rows.Select(row => new County(row.Code, row.Name, Codes.CountyKindFrom(row.Kind), row.GridRegion)).ToArray();
    }

    private sealed class Row
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string GridRegion { get; set; } = "";
    }
}
