namespace Assessment.Import;

/// <summary>A CSV file or one sheet of a workbook, read as rows of text cells; <see cref="Name"/> is what errors call it.</summary>
/// <param name="Delimited">A text file, whose rows must each have as many fields as its header (a sheet's cells are positional).</param>
public sealed record TabularFile(string Name, IReadOnlyList<TabularRow> Rows, string Sha256, bool Delimited);
