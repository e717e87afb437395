using System.Globalization;
using System.Text.Json;

namespace Assessment.Rules;

/// <summary>
/// The per-rule metadata a rule keeps in the RulesEngine <c>Properties</c> bag, read with types: its label, points,
/// star, veto, grade, penalty action, incentive type, data-quality level, and where it comes from.
/// </summary>
public sealed class RuleProperties
{
    private readonly IReadOnlyDictionary<string, object> _values;

    public RuleProperties(IReadOnlyDictionary<string, object>? values) => _values = values ?? new Dictionary<string, object>();

    /// <summary>The names in the bag, for checking that each is known.</summary>
    public IEnumerable<string> Names => _values.Keys;

    // Read from the JSON once: scoring reads these for every subject (tens of thousands of times per rule), from several
    // threads. Each is published as one reference, so a reader sees either nothing yet or the whole value; each is read
    // (and checked) on its own, so a malformed one fails only where it is read.
    private string? _label;
    private string? _labelEn;
    private Cached<double?>? _points;
    private Cached<bool>? _star;
    private Cached<bool>? _bonus;
    private Cached<bool>? _veto;
    private Cached<bool>? _mandatory;

    private sealed record Cached<T>(T Value);

    public string Label => _label ??= Text("label") ?? "";
    public string LabelEn => _labelEn ??= Text("labelEn") ?? Label;

    /// <summary>The label in the current UI language.</summary>
    public string CurrentLabel => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? LabelEn : Label;

    public double? Points => (_points ??= new Cached<double?>(Number("points"))).Value;
    public bool Star => (_star ??= new Cached<bool>(Flag("star"))).Value;
    public bool Bonus => (_bonus ??= new Cached<bool>(Flag("bonus"))).Value;
    public bool Veto => (_veto ??= new Cached<bool>(Flag("veto"))).Value;
    public bool Mandatory => (_mandatory ??= new Cached<bool>(Flag("mandatory"))).Value;
    public string? Grade => Text("grade");
    public string ForceGrade => Text("forceGrade") ?? "not-completed";
    public string? Action => Text("action");
    public int Severity => (int)(Number("severity") ?? 1);
    public int? Years => (int?)Number("years");
    public int? DeadlineDays => (int?)Number("deadlineDays");
    public double DeductPoints => Number("deductPoints") ?? 0;
    public string? IncentiveType => Text("type");
    public string Unit => Text("unit") ?? "";
    public string? Level => Text("level");
    public string? Message => Text("message");
    public string? MessageEn => Text("messageEn");
    public string? Source => Text("source");

    /// <summary>The property <paramref name="name"/> as text, or null.</summary>
    public string? Text(string name) => Get(name) switch
    {
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        string text => text,
        null => null,
        var other => other.ToString(),
    };

    /// <summary>The property <paramref name="name"/> as a number, or null; a non-number is a <see cref="FormatException"/>.</summary>
    public double? Number(string name) => Get(name) switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } element => element.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement element => throw new FormatException($"property '{name}' must be a number, not {element.ValueKind}"),
        null => null,
        IConvertible convertible => convertible.ToDouble(CultureInfo.InvariantCulture),
        var other => throw new FormatException($"property '{name}' must be a number, not {other}"),
    };

    /// <summary>The property <paramref name="name"/> as a flag (absent is false).</summary>
    public bool Flag(string name) => Get(name) switch
    {
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False or JsonValueKind.Null } => false,
        JsonElement element => throw new FormatException($"property '{name}' must be true or false, not {element.ValueKind}"),
        bool flag => flag,
        null => false,
        var other => throw new FormatException($"property '{name}' must be true or false, not {other}"),
    };

    private object? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;
}
