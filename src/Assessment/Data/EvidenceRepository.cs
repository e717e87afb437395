using Dapper;

namespace Assessment.Data;

/// <summary>Evidence files of the self-assessment checklist: added, listed, read back; never replaced.</summary>
public sealed class EvidenceRepository(DbSession session)
{
    /// <summary>An evidence file without its content.</summary>
    public sealed record Info(long Id, string Code, int Year, string Item, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy,
        DateTime UploadedAt);

    /// <summary>Stores a file; returns its id.</summary>
    public Task<long> AddAsync(Info info, byte[] content, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            session.Dialect.InsertReturningId("evidence_files",
                ["code", "year", "item", "file_name", "content_type", "size_bytes", "sha256", "content", "uploaded_by", "uploaded_at"]),
            new
            {
                code = info.Code, year = info.Year, item = info.Item, file_name = info.FileName, content_type = info.ContentType, size_bytes = info.SizeBytes,
                sha256 = info.Sha256, content, uploaded_by = info.UploadedBy, uploaded_at = info.UploadedAt,
            },
            session.Transaction, cancellationToken: cancellationToken));

    /// <summary>The files of an institution's year, by item and upload.</summary>
    public async Task<IReadOnlyList<Info>> ListAsync(string code, int year, CancellationToken cancellationToken = default) =>
        (await session.Connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE code = @code AND year = @year ORDER BY item, id", new { code, year }, session.Transaction, cancellationToken: cancellationToken)))
        .Select(row => row.ToInfo()).ToArray();

    /// <summary>Every file of a year, by institution, item and upload.</summary>
    public async Task<IReadOnlyList<Info>> ListYearAsync(int year, CancellationToken cancellationToken = default) =>
        (await session.Connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE year = @year ORDER BY code, item, id", new { year }, session.Transaction, cancellationToken: cancellationToken)))
        .Select(row => row.ToInfo()).ToArray();

    /// <summary>A file with its content, or null.</summary>
    public async Task<(Info Info, byte[] Content)?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Select + " WHERE id = @id", new { id }, session.Transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var content = await session.Connection.QuerySingleAsync<byte[]>(new CommandDefinition(
            "SELECT content FROM evidence_files WHERE id = @id", new { id }, session.Transaction, cancellationToken: cancellationToken));
        return (row.ToInfo(), content);
    }

    private const string Select =
        "SELECT id AS Id, code AS Code, year AS Year, item AS Item, file_name AS FileName, content_type AS ContentType, size_bytes AS SizeBytes, " +
        "sha256 AS Sha256, uploaded_by AS UploadedBy, uploaded_at AS UploadedAt FROM evidence_files";

    private sealed class Row
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public int Year { get; set; }
        public string Item { get; set; } = "";
        public string FileName { get; set; } = "";
        public string ContentType { get; set; } = "";
        public long SizeBytes { get; set; }
        public string Sha256 { get; set; } = "";
        public string UploadedBy { get; set; } = "";
        public DateTime UploadedAt { get; set; }

        public Info ToInfo() => new(Id, Code, Year, Item, FileName, ContentType, SizeBytes, Sha256, UploadedBy, UploadedAt);
    }
}
