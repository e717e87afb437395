namespace Assessment.Rules.Inputs;

/// <summary><c>m</c>: the reviewed self-assessment checklist (work measures with evidence), item by item.</summary>
public sealed class Checklist
{
    public Dictionary<string, ChecklistEntry> Items { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The points the reviewer confirmed for <paramref name="item"/>; 0 when it was not submitted.</summary>
    public double Points(string item) => Items.TryGetValue(item, out var entry) ? entry.Points : 0;

    /// <summary>Whether <paramref name="item"/> was submitted.</summary>
    public bool Has(string item) => Items.ContainsKey(item);

    /// <summary>Whether the institution declared, and the reviewer accepted, that <paramref name="item"/> does not apply (no canteen, no boiler).</summary>
    public bool NotApplicable(string item) => Items.TryGetValue(item, out var entry) && entry.NotApplicable;

    /// <summary>A yes/no item (e.g. a finding of falsified data): true when it carries points.</summary>
    public bool Flag(string item) => Points(item) > 0;
}
