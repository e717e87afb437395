namespace Assessment.Data;

/// <summary>A published rule-set version as stored: its text is what is compiled again to use it.</summary>
public sealed record StoredRuleSet(
    string RuleSetId,
    string ContentHash,
    int Seq,
    string Version,
    string Kind,
    string Level,
    int FirstYear,
    string Title,
    string Document,
    string SourceFile,
    DateTime PublishedAt)
{
    /// <summary><c>id@hash</c> with the full hash, as runs record it.</summary>
    public string Key => $"{RuleSetId}@{ContentHash}";
}
