using Assessment.Data;

namespace Assessment.Import;

/// <summary>
/// The outcome of an import: either every row was written (<see cref="Counts"/>, <see cref="ImportId"/>), or nothing was
/// and <see cref="Errors"/> lists every bad row.
/// </summary>
public sealed record ImportResult(ImportKind Kind, string File, ImportCounts? Counts, long? ImportId, IReadOnlyList<ImportError> Errors)
{
    /// <summary>Whether the file was written.</summary>
    public bool Succeeded => Errors.Count == 0 && Counts is not null;

    /// <summary>A refused import.</summary>
    public static ImportResult Refused(ImportKind kind, string file, IReadOnlyList<ImportError> errors) => new(kind, file, null, null, errors);
}
