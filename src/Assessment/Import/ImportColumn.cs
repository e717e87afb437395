namespace Assessment.Import;

/// <summary>
/// A column an import understands: its English name (also the database column), the Chinese headers people write, the
/// unit its values are in (a header may state it in parentheses, and must then state this one), and whether it is required.
/// </summary>
public sealed record ImportColumn(string Name, IReadOnlyList<string> Aliases, string? Unit = null, bool Required = true);
