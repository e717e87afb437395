using System.Collections.Frozen;

namespace Assessment.Domain;

/// <summary>Stable codes of <see cref="InstitutionCategory"/> for files and the database, and the names people write.</summary>
public static class Categories
{
    private static readonly (InstitutionCategory Category, string Code, string[] Names)[] Table =
    [
        (InstitutionCategory.Organ, "organ", ["党政机关", "机关", "party-government-organ"]),
        (InstitutionCategory.Education, "education", ["教育", "教育机构", "学校"]),
        (InstitutionCategory.Health, "health", ["卫生", "医疗卫生", "医疗卫生机构", "医院"]),
        (InstitutionCategory.CultureSports, "culture-sports", ["文化体育场馆", "文化体育", "场馆", "culture", "sports"]),
        (InstitutionCategory.OtherPublicService, "other-public-service", ["其他事业单位", "事业单位", "other"]),
        (InstitutionCategory.Group, "group", ["团体组织", "团体", "社会团体"]),
    ];

    private static readonly FrozenDictionary<string, InstitutionCategory> ByName =
        Table.SelectMany(row => row.Names.Append(row.Code).Select(name => (name, row.Category)))
             .ToFrozenDictionary(pair => Normalize(pair.name), pair => pair.Category);

    /// <summary>All categories in display order.</summary>
    public static IReadOnlyList<InstitutionCategory> All { get; } = Table.Select(row => row.Category).ToArray();

    /// <summary>The code stored in the database and written in files, e.g. <c>culture-sports</c>.</summary>
    public static string Code(this InstitutionCategory category) => CodeOf[category];

    // Looked up for every institution in a run: a dictionary, not a query making a closure each time.
    private static readonly FrozenDictionary<InstitutionCategory, string> CodeOf = Table.ToFrozenDictionary(row => row.Category, row => row.Code);

    /// <summary>Reads a code, an English or a Chinese name; null when it names no category.</summary>
    public static InstitutionCategory? Parse(string? text) =>
        text is not null && ByName.TryGetValue(Normalize(text), out var category) ? category : null;

    /// <summary>Reads a code stored by this program; throws on anything else.</summary>
    public static InstitutionCategory FromCode(string code) =>
        Parse(code) ?? throw new FormatException($"Unknown institution category code '{code}'.");

    /// <summary>The accepted spellings of a category, for documentation and error messages.</summary>
    public static IReadOnlyList<string> Spellings(InstitutionCategory category) =>
        Table.First(row => row.Category == category) is var row ? [row.Code, .. row.Names] : [];

    private static string Normalize(string text) => text.Trim().ToLowerInvariant().Replace('_', '-').Replace(" ", "");
}
