namespace Assessment.Import;

/// <summary>How to read an import file.</summary>
/// <param name="Encoding">CSV text encoding: <c>auto</c> (UTF-8 when the bytes are valid UTF-8, else GB18030), <c>utf-8</c> or <c>gb18030</c>.</param>
/// <param name="Sheet">XLSX sheet name; the first sheet when null.</param>
/// <param name="Year">For institutions: the year the building areas and users were reported for, when the file has no year column.</param>
/// <param name="OnlyInstitution">For consumption and checklists imported by one institution: rows of any other institution are refused.</param>
/// <param name="OnlyYears">With <paramref name="OnlyInstitution"/>: the years it may still change (not yet submitted); rows of other years are refused.</param>
public sealed record ImportOptions(string Encoding = "auto", string? Sheet = null, int? Year = null, string? OnlyInstitution = null,
    IReadOnlySet<int>? OnlyYears = null)
{
    /// <summary>Files larger than this are refused before reading.</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;
}
