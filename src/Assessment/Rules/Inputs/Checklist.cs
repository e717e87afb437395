namespace Assessment.Rules.Inputs;

/// <summary><c>m</c>: the reviewed self-assessment checklist (work measures with evidence), item by item.</summary>
/// <remarks>
/// A checklist read for an assessment is compact: its entries sit in an array by the index of their item in
/// <see cref="ChecklistNames"/>, which the year's checklists share (a national year has 1.6 million checklists of about
/// fifteen items; a dictionary each took three times the memory). <see cref="Items"/> turns it into a dictionary when
/// asked for one.
/// </remarks>
public sealed class Checklist
{
    private Dictionary<string, ChecklistEntry>? _items;
    private ChecklistNames? _names;
    private ChecklistEntry?[]? _entries;

    public Checklist()
    {
    }

    /// <summary>A compact checklist: <paramref name="entries"/>[<c>i</c>] is the entry of the item of index <c>i</c> in <paramref name="names"/>, null where not submitted.</summary>
    public Checklist(ChecklistNames names, ChecklistEntry?[] entries)
    {
        (_names, _entries) = (names, entries);
    }

    /// <summary>The entries of a compact checklist by item index (empty for one made as a dictionary).</summary>
    internal ChecklistEntry?[] Entries => _entries ?? [];

    public Dictionary<string, ChecklistEntry> Items
    {
        get => _items ?? Interlocked.CompareExchange(ref _items, Dictionary(), null) ?? _items;
        set => (_items, _names, _entries) = (value, null, null);
    }

    /// <summary>The points the reviewer confirmed for <paramref name="item"/>; 0 when it was not submitted.</summary>
    public double Points(string item) => Entry(item)?.Points ?? 0;

    /// <summary>Whether <paramref name="item"/> was submitted.</summary>
    public bool Has(string item) => Entry(item) is not null;

    /// <summary>Whether the institution declared, and the reviewer accepted, that <paramref name="item"/> does not apply (no canteen, no boiler).</summary>
    public bool NotApplicable(string item) => Entry(item)?.NotApplicable ?? false;

    /// <summary>A yes/no item (e.g. a finding of falsified data): true when it carries points.</summary>
    public bool Flag(string item) => Points(item) > 0;

    private ChecklistEntry? Entry(string item)
    {
        if (_items is not null || _entries is null)
        {
            return Items.GetValueOrDefault(item);
        }

        var index = _names!.IndexOf(item);
        return index >= 0 && index < _entries.Length ? _entries[index] : null;
    }

    private Dictionary<string, ChecklistEntry> Dictionary()
    {
        var items = new Dictionary<string, ChecklistEntry>(StringComparer.Ordinal);
        for (var index = 0; index < (_entries?.Length ?? 0); index++)
        {
            if (_entries![index] is { } entry)
            {
                items[_names!.Name(index)] = entry;
            }
        }

        return items;
    }
}

/// <summary>The item names of a year's compact checklists, each with its index; shared by them, added to only while they are read.</summary>
public sealed class ChecklistNames
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public int Count => _names.Count;

    /// <summary>The index of <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name) => _indexes.GetValueOrDefault(name, -1);

    public string Name(int index) => _names[index];

    /// <summary>The index of <paramref name="name"/>, given a new one when it has none.</summary>
    public int Add(string name)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            _indexes.Add(name, index = _names.Count);
            _names.Add(name);
        }

        return index;
    }
}
