using Assessment.Data;
using Assessment.Domain;

namespace Assessment.Import;

/// <summary>
/// Monthly consumption: <c>code,year,month</c> and the quantities of the statistics form. An empty quantity is 0.
/// A month already stored is replaced, and its earlier values are kept in the history table.
/// </summary>
internal sealed class ConsumptionImport : TableImport<MonthlyConsumption>
{
    private static readonly Dictionary<string, string[]> QuantityAliases = new()
    {
        ["electricity_kwh"] = ["电", "电力", "用电量", "外购电力"],
        ["water_m3"] = ["水", "用水量", "水耗"],
        ["natural_gas_m3"] = ["天然气", "用气量"],
        ["coal_t"] = ["煤", "煤炭", "原煤"],
        ["heat_gj"] = ["热力", "外购热力", "供热"],
        ["lpg_kg"] = ["液化石油气", "液化气"],
        ["diesel_l"] = ["柴油", "柴油（非公务用车）", "其他柴油"],
        ["vehicle_gasoline_l"] = ["公务用车汽油", "公车汽油", "汽油（公务用车）"],
        ["vehicle_diesel_l"] = ["公务用车柴油", "公车柴油", "柴油（公务用车）"],
        ["pv_kwh"] = ["光伏发电", "光伏", "光伏发电量", "自发光伏电量"],
        ["other_kgce"] = ["其他能源", "其他"],
    };

    private readonly InstitutionRows _institutions = new();

    public override ImportKind Kind => ImportKind.Consumption;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("code", ImportAliases.InstitutionCode),
        new("year", ImportAliases.Year),
        new("month", ["月", "月份"]),
        .. ConsumptionFields.All.Select(field =>
            new ImportColumn(field.Name, QuantityAliases[field.Name], field.Name == "water_m3" ? "m3|t" : field.Unit)),
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["code", "year", "month"];

    public override Task LoadAsync(DbSession session, ImportOptions options, CancellationToken cancellationToken) =>
        _institutions.LoadAsync(session, options, cancellationToken);

    public override MonthlyConsumption Read(CellReader cells)
    {
        var code = _institutions.Code(cells);

        var year = _institutions.Year(cells);
        var month = cells.Integer("month", 1, 12);
        var values = ConsumptionFields.All.Select(field => cells.Quantity(field.Name)).ToArray();
        return ConsumptionFields.FromValues(values).ToMonthly(code ?? "", year, month);
    }

    public override string Key(MonthlyConsumption row) => $"{row.Code} {row.Year}-{row.Month:D2}";

    public override Task<ImportCounts> WriteAsync(DbSession session, IReadOnlyList<MonthlyConsumption> rows, long importId, DateTime now,
        CancellationToken cancellationToken) =>
        new ConsumptionRepository(session).ReplaceAsync(rows, importId, now, cancellationToken);
}
