namespace Assessment.Import;

/// <summary>A CSV file or one sheet of a workbook, read as rows of text cells; <see cref="Name"/> is what errors call it.</summary>
public sealed record TabularFile(string Name, IReadOnlyList<TabularRow> Rows, string Sha256);
