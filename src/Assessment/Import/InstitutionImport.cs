using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;

namespace Assessment.Import;

/// <summary>
/// Institutions: <c>code,name,county,category,building_area_m2,users,key_unit</c> and an optional <c>year</c>.
/// The county is its code or name; the category its code or Chinese name. With a year (a column, or <c>--year</c>),
/// area and users are also recorded as that year's.
/// </summary>
internal sealed class InstitutionImport : TableImport<(Institution Institution, int? Year)>
{
    private Dictionary<string, string> _countyCodes = [];
    private int? _year;
    private bool _hasKeyUnit;

    public override ImportKind Kind => ImportKind.Institutions;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("code", ImportAliases.InstitutionCode),
        new("name", ["单位名称", "名称", "机构名称"]),
        new("county", ["所属县市", "县市", "县市区", "所属地区", "地区"]),
        new("category", ["单位类别", "类别", "单位类型", "机构类型"]),
        new("building_area_m2", ["建筑面积"], "m2"),
        new("users", ["用能人数", "人数"], "persons"),
        new("key_unit", ["重点用能单位", "是否重点用能单位"], Required: false),
        new("year", ImportAliases.Year, Required: false),
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["code"];

    public override async Task LoadAsync(DbSession session, ImportOptions options, CancellationToken cancellationToken)
    {
        _year = options.Year;
        var counties = await new CountyRepository(session).ListAsync(cancellationToken);
        _countyCodes = counties.SelectMany(county => new[] { (county.Code, county.Code), (county.Name, county.Code) })
            .DistinctBy(pair => pair.Item1)
            .ToDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.Ordinal);
    }

    public override (Institution, int?) Read(CellReader cells)
    {
        var code = cells.Text("code") ?? "";
        var name = cells.Text("name") ?? "";
        var countyText = cells.Text("county");
        var countyCode = "";
        if (countyText is not null && !_countyCodes.TryGetValue(countyText, out countyCode!))
        {
            cells.Error("county", countyText, string.Format(Strings.ImportCountyUnknown, string.Join(", ", _countyCodes.Keys.Take(20))));
            countyCode = "";
        }

        var categoryText = cells.Text("category");
        var category = Categories.Parse(categoryText);
        if (categoryText is not null && category is null)
        {
            cells.Error("category", categoryText, string.Format(Strings.ImportCategoryUnknown,
                string.Join(", ", Categories.All.Select(c => $"{c.Code()} ({Categories.Spellings(c)[1]})"))));
        }

        var area = cells.Positive("building_area_m2");
        var users = cells.Positive("users");
        if (users != Math.Floor(users))
        {
            cells.Error("users", users.ToString(System.Globalization.CultureInfo.InvariantCulture), Strings.ImportValueNotInteger);
        }

        _hasKeyUnit = cells.Has("key_unit");
        var keyUnit = _hasKeyUnit && cells.Flag("key_unit");
        int? year = cells.Has("year") ? cells.Integer("year", 1990, 2100) : _year;
        return (new Institution(code, name, countyCode, category ?? InstitutionCategory.Organ, area, (int)users, keyUnit), year);
    }

    public override string Key((Institution Institution, int? Year) row) => row.Institution.Code;

    public override async Task<ImportCounts> WriteAsync(DbSession session, IReadOnlyList<(Institution Institution, int? Year)> rows,
        long importId, DateTime now, CancellationToken cancellationToken)
    {
        var repository = new InstitutionRepository(session);
        var institutions = rows.Select(row => row.Institution).ToArray();
        if (!_hasKeyUnit)
        {
            // A file without the column says nothing about key units: keep what is stored.
            var stored = (await repository.ListAsync(cancellationToken)).ToDictionary(institution => institution.Code);
            institutions = institutions.Select(institution =>
                stored.TryGetValue(institution.Code, out var old) ? institution with { KeyUnit = old.KeyUnit } : institution).ToArray();
        }

        var counts = await repository.UpsertAsync(institutions, importId, now, cancellationToken);
        await repository.UpsertYearsAsync(
            rows.Where(row => row.Year is not null)
                .Select(row => new InstitutionYear(row.Institution.Code, row.Year!.Value, row.Institution.BuildingAreaM2, row.Institution.Users)),
            cancellationToken);
        return counts;
    }
}
