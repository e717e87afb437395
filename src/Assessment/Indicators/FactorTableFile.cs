namespace Assessment.Indicators;

/// <summary>A factor table with the exact text it was read from and where that text came from.</summary>
public sealed record FactorTableFile(FactorTable Table, string Document, string SourceFile);
