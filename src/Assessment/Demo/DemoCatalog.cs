using System.Text.Json;
using Assessment.Domain;

namespace Assessment.Demo;

/// <summary>Names and shares of the demo prefecture: its counties and the kinds of institution in each category (demo-catalog.json).</summary>
internal sealed record DemoCatalog(
    string Prefecture,
    string QuotaSource,
    int QuotaFirstYear,
    IReadOnlyList<DemoCatalog.PlanEntry> Plans,
    double KeyUnitExtraDecline,
    int ChecklistFirstYear,
    IReadOnlyList<DemoCatalog.ChecklistItem> Checklist,
    IReadOnlyList<DemoCatalog.CountyEntry> Counties,
    IReadOnlyDictionary<string, DemoCatalog.CategoryEntry> Categories)
{
    private static readonly Lazy<DemoCatalog> Shared = new(Load);

    /// <summary>The catalog embedded in the library.</summary>
    public static DemoCatalog Instance => Shared.Value;

    public CategoryEntry For(InstitutionCategory category) => Categories[category.Code()];

    private static DemoCatalog Load()
    {
        using var stream = typeof(DemoCatalog).Assembly.GetManifestResourceStream("Assessment.Demo.demo-catalog.json")
                           ?? throw new InvalidOperationException("The demo catalog is not embedded in the library.");
        return JsonSerializer.Deserialize<DemoCatalog>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        }) ?? throw new InvalidOperationException("The demo catalog is empty.");
    }

    internal sealed record CountyEntry(string Code, string Name, string Prefix, string Kind, string GridRegion, bool Urban, double Weight, IReadOnlyList<string> Towns)
    {
        public County ToCounty() => new(Code, Name, Kind == "direct" ? CountyKind.PrefectureDirect : CountyKind.County, GridRegion);
    }

    /// <summary>A five-year plan of the prefecture; <see cref="HandDown"/> plans are also given to counties and institutions.</summary>
    internal sealed record PlanEntry(TargetPlan Plan, bool HandDown);

    /// <summary>An item of the self-assessment checklist and the most points a reviewer can confirm for it.</summary>
    internal sealed record ChecklistItem(string Item, double Max);

    internal sealed record CategoryEntry(double Weight, IReadOnlyList<string> Fixed, IReadOnlyList<string> Numbered);
}
