namespace Assessment.Import;

/// <summary>One thing wrong in an imported file: where (file, line, column), the value found, and why it was refused.</summary>
/// <param name="Line">Line of a CSV file or row of a sheet, counting from 1; 0 where the problem is the file itself.</param>
/// <param name="Column">The column's header as written in the file; empty where the problem is not one cell.</param>
public sealed record ImportError(string File, int Line, string Column, string Value, string Reason)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var column = Column.Length > 0 ? $" [{Column}]" : "";
        var value = Value.Length > 0 ? $" \"{Value}\"" : "";
        return $"{where}{column}{value}: {Reason}";
    }
}
