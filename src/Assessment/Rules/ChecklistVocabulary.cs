using System.Text.Json;

namespace Assessment.Rules;

/// <summary>
/// The checklist items that exist (<c>rules/vocabulary/checklist-items.json</c>): rule expressions may only name these,
/// and the checklist import only accepts these, so that a misspelt item is an error instead of a silent zero.
/// </summary>
public sealed record ChecklistVocabulary(IReadOnlyList<ChecklistVocabulary.Item> Items)
{
    private static readonly Lazy<ChecklistVocabulary?> Shared = new(() =>
        RulesDirectory.Find() is { } rules && Path.Combine(rules, "vocabulary", "checklist-items.json") is var path && File.Exists(path)
            ? Read(path)
            : null);

    /// <summary>The vocabulary of the rules folder in use, or null where there is none (then names are not checked).</summary>
    public static ChecklistVocabulary? Current => Shared.Value;

    /// <summary>One item: its id, its names and the most points a reviewer can confirm.</summary>
    public sealed record Item(string Id, string Zh, string En, double Max);

    /// <summary>Whether <paramref name="id"/> is an item.</summary>
    public bool Contains(string id) => Items.Any(item => item.Id == id);

    /// <summary>Reads a vocabulary file.</summary>
    public static ChecklistVocabulary Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return new ChecklistVocabulary(json.RootElement.GetProperty("items").Deserialize<Item[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!);
    }
}
