namespace Assessment.Rules;

/// <summary>
/// How a rule's error names the subject it was evaluated for: its code and name, made into text only when an error needs
/// it (a national run evaluates 1.6 million subjects, each many times, and errors are rare). Any text converts to one.
/// </summary>
public readonly record struct SubjectName(string Code, string? Name = null)
{
    public static implicit operator SubjectName(string label) => new(label);

    public override string ToString() => Name is null ? Code : $"{Code} {Name}";
}
