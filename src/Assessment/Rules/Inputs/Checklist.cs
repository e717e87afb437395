namespace Assessment.Rules.Inputs;

/// <summary><c>m</c>: the reviewed self-assessment checklist (work measures with evidence), item by item.</summary>
/// <remarks>
/// A checklist read for an assessment is compact: for each item, by its index in <see cref="ChecklistNames"/>, the
/// number of its entry among the year's distinct entries (the same few points recur), which the year's checklists
/// share; one byte an item while there are fewer than 256 distinct entries (a national year has 1.6 million
/// checklists of about fifteen items: a dictionary each took three times the memory of an array of entries, which
/// took three times that of the bytes). <see cref="Items"/> turns it into a dictionary when asked for one.
/// </remarks>
public sealed class Checklist
{
    private Dictionary<string, ChecklistEntry>? _items;
    private ChecklistNames? _names;
    private Array? _ids; // byte[], ushort[] or int[]: entry numbers by item index, 0 where not submitted

    public Checklist()
    {
    }

    /// <summary>A compact checklist: <paramref name="ids"/>[<c>i</c>] is the number (<see cref="ChecklistNames.EntryId"/>) of the entry of the item of index <c>i</c> in <paramref name="names"/>, 0 where not submitted.</summary>
    public Checklist(ChecklistNames names, ReadOnlySpan<int> ids)
    {
        var highest = 0;
        foreach (var id in ids)
        {
            highest = Math.Max(highest, id);
        }

        _names = names;
        _ids = highest <= byte.MaxValue ? Narrow<byte>(ids) : highest <= ushort.MaxValue ? Narrow<ushort>(ids) : ids.ToArray();
    }

    private static T[] Narrow<T>(ReadOnlySpan<int> ids) where T : System.Numerics.INumber<T>
    {
        var narrow = new T[ids.Length];
        for (var index = 0; index < ids.Length; index++)
        {
            narrow[index] = T.CreateTruncating(ids[index]);
        }

        return narrow;
    }

    /// <summary>How many item indexes a compact checklist spans (0 for one made as a dictionary).</summary>
    internal int Length => _ids?.Length ?? 0;

    /// <summary>The entry number of the item of index <paramref name="index"/> in a compact checklist; 0 where not submitted.</summary>
    internal int IdAt(int index) => _ids switch
    {
        _ when index < 0 || index >= Length => 0,
        byte[] bytes => bytes[index],
        ushort[] shorts => shorts[index],
        int[] ints => ints[index],
        _ => 0,
    };

    public Dictionary<string, ChecklistEntry> Items
    {
        get => _items ?? Interlocked.CompareExchange(ref _items, Dictionary(), null) ?? _items;
        set => (_items, _names, _ids) = (value, null, null);
    }

    /// <summary>The points the reviewer confirmed for <paramref name="item"/>; 0 when it was not submitted.</summary>
    public double Points(string item) => Entry(item)?.Points ?? 0;

    /// <summary>Whether <paramref name="item"/> was submitted.</summary>
    public bool Has(string item) => Entry(item) is not null;

    /// <summary>Whether the institution declared, and the reviewer accepted, that <paramref name="item"/> does not apply (no canteen, no boiler).</summary>
    public bool NotApplicable(string item) => Entry(item)?.NotApplicable ?? false;

    /// <summary>A yes/no item (e.g. a finding of falsified data): true when it carries points.</summary>
    public bool Flag(string item) => Points(item) > 0;

    private ChecklistEntry? Entry(string item) =>
        _items is not null || _ids is null ? Items.GetValueOrDefault(item) : _names!.Entry(IdAt(_names.IndexOf(item)));

    private Dictionary<string, ChecklistEntry> Dictionary()
    {
        var items = new Dictionary<string, ChecklistEntry>(StringComparer.Ordinal);
        for (var index = 0; index < Length; index++)
        {
            if (_names!.Entry(IdAt(index)) is { } entry)
            {
                items[_names.Name(index)] = entry;
            }
        }

        return items;
    }
}

/// <summary>
/// The item names of a year's compact checklists, each with its index, and their distinct entries, each with its number
/// (from 1); shared by them, added to only while they are read.
/// </summary>
public sealed class ChecklistNames
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Dictionary<(double Points, bool NotApplicable), int> _entryIds = [];
    private readonly List<ChecklistEntry?> _entries = [null]; // number 0: not submitted

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

    /// <summary>The number of the entry of <paramref name="points"/> and <paramref name="notApplicable"/>, given a new one when it has none.</summary>
    public int EntryId(double points, bool notApplicable)
    {
        if (!_entryIds.TryGetValue((points, notApplicable), out var id))
        {
            _entryIds.Add((points, notApplicable), id = _entries.Count);
            _entries.Add(new ChecklistEntry(points, notApplicable));
        }

        return id;
    }

    /// <summary>The entry of number <paramref name="id"/>; null for 0 (not submitted).</summary>
    public ChecklistEntry? Entry(int id) => _entries[id];
}
