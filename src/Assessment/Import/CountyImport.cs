using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Resources;

namespace Assessment.Import;

/// <summary>
/// Counties: <c>code,name,kind,grid_region</c>. The kind is <c>county</c> (县/市) or <c>direct</c> (州直); the grid
/// region names a grid of the factor table (<c>northwest</c> for Xinjiang) and defaults to the national average.
/// </summary>
internal sealed class CountyImport : TableImport<County>
{
    private static readonly HashSet<string> Direct = ["direct", "州直", "州直属", "市直", "直属"];
    private static readonly HashSet<string> CountyWords = ["county", "县", "市", "县市", "区", "县级市"];

    // The Chinese names of the regional grids of the factor tables.
    private static readonly Dictionary<string, string> GridNames = new()
    {
        ["全国"] = "national",
        ["华北"] = "north",
        ["东北"] = "northeast",
        ["华东"] = "east",
        ["华中"] = "central",
        ["西北"] = "northwest",
        ["南方"] = "south",
        ["西南"] = "southwest",
    };

    private HashSet<string> _grids = [];

    public override ImportKind Kind => ImportKind.Counties;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("code", ["县市代码", "区划代码", "代码"]),
        new("name", ["县市名称", "名称"]),
        new("kind", ["类型"], Required: false),
        new("grid_region", ["电网区域", "区域电网"], Required: false),
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["code"];

    public override async Task LoadAsync(DbSession session, ImportOptions options, CancellationToken cancellationToken)
    {
        var tables = await new FactorTableRepository(session).CurrentAsync(cancellationToken);
        _grids = tables.Tables.SelectMany(table => table.GridKgCo2PerKwh.Keys).ToHashSet(StringComparer.Ordinal);
    }

    public override County Read(CellReader cells)
    {
        var code = cells.Text("code") ?? "";
        var name = cells.Text("name") ?? "";
        var kindText = Units.Normalize(cells.Text("kind", required: false) ?? "");
        var kind = CountyKind.County;
        if (Direct.Contains(kindText))
        {
            kind = CountyKind.PrefectureDirect;
        }
        else if (kindText.Length > 0 && !CountyWords.Contains(kindText))
        {
            cells.Error("kind", kindText, Strings.ImportCountyKindUnknown);
        }

        var gridText = cells.Text("grid_region", required: false) is { Length: > 0 } region ? region : FactorTable.NationalGrid;
        var grid = GridNames.GetValueOrDefault(gridText, gridText);
        if (_grids.Count > 0 && !_grids.Contains(grid))
        {
            // An unknown region would silently take the national factor.
            cells.Error("grid_region", gridText, string.Format(Strings.ImportGridUnknown, string.Join(", ", _grids.Order())));
        }

        return new County(code, name, kind, grid);
    }

    public override string Key(County row) => row.Code;

    public override Task<ImportCounts> WriteAsync(DbSession session, IReadOnlyList<County> rows, long importId, DateTime now,
        CancellationToken cancellationToken)
    {
        var repository = new CountyRepository(session);
        return UpsertCountedAsync(rows, () => repository.ListAsync(cancellationToken), stored => repository.UpsertAsync(stored, cancellationToken));
    }
}
