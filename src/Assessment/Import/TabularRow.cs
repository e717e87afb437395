namespace Assessment.Import;

/// <summary>One row of a CSV file or sheet: its line (row) number counting from 1 and its cells as text.</summary>
public sealed record TabularRow(int Line, IReadOnlyList<string> Cells)
{
    /// <summary>The cell at <paramref name="index"/>, or empty where the row is shorter.</summary>
    public string this[int index] => index < Cells.Count ? Cells[index] : "";

    /// <summary>Whether every cell is blank.</summary>
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
