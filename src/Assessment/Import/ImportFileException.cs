namespace Assessment.Import;

/// <summary>The file as a whole cannot be read: missing, too large, not CSV or XLSX, no header row.</summary>
public sealed class ImportFileException(ImportError error) : Exception(error.ToString())
{
    /// <summary>What is wrong, naming the file.</summary>
    public ImportError Error { get; } = error;
}
