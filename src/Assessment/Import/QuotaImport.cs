using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;

namespace Assessment.Import;

/// <summary>
/// Quotas (定额): <c>category,indicator,first_year,constraint_value,baseline_value,guide_value,source</c>.
/// A quota with the same category, indicator and first year replaces the stored one.
/// </summary>
internal sealed class QuotaImport : TableImport<Quota>
{
    private static readonly Dictionary<string, QuotaIndicator> Indicators = new()
    {
        ["energy-per-capita"] = QuotaIndicator.EnergyPerCapita,
        ["人均综合能耗"] = QuotaIndicator.EnergyPerCapita,
        ["人均能耗"] = QuotaIndicator.EnergyPerCapita,
        ["energy-per-area"] = QuotaIndicator.EnergyPerArea,
        ["单位建筑面积能耗"] = QuotaIndicator.EnergyPerArea,
        ["单位面积能耗"] = QuotaIndicator.EnergyPerArea,
        ["water-per-capita"] = QuotaIndicator.WaterPerCapita,
        ["人均用水量"] = QuotaIndicator.WaterPerCapita,
        ["人均用水"] = QuotaIndicator.WaterPerCapita,
    };

    public override ImportKind Kind => ImportKind.Quotas;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("category", ["单位类别", "类别"]),
        new("indicator", ["指标"]),
        new("first_year", ["起始年度", "执行年度", "年度"]),
        new("constraint_value", ["约束值"]),
        new("baseline_value", ["基准值"], Required: false),
        new("guide_value", ["引导值"]),
        new("source", ["来源", "依据", "标准"]),
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["category", "indicator", "first_year"];

    public override Quota Read(CellReader cells)
    {
        var categoryText = cells.Text("category");
        var category = Categories.Parse(categoryText);
        if (categoryText is not null && category is null)
        {
            cells.Error("category", categoryText, string.Format(Strings.ImportCategoryUnknown, string.Join(", ", Categories.All.Select(c => c.Code()))));
        }

        var indicatorText = cells.Text("indicator");
        if (indicatorText is not null && !Indicators.ContainsKey(indicatorText))
        {
            cells.Error("indicator", indicatorText, string.Format(Strings.ImportIndicatorUnknown, string.Join(", ", Indicators.Keys)));
        }

        var firstYear = cells.Integer("first_year", 1990, 2100);
        var constraint = cells.Positive("constraint_value");
        var baseline = cells.OptionalPositive("baseline_value");
        var guide = cells.Positive("guide_value");
        var source = cells.Text("source") ?? "";
        var valuesRead = new[] { "constraint_value", "baseline_value", "guide_value" }.All(column => !cells.HasErrorIn(column));
        if (valuesRead && (guide > constraint || baseline < guide || baseline > constraint))
        {
            cells.Error("guide_value", $"{guide} / {baseline} / {constraint}", Strings.ImportQuotaOrder);
        }

        return new Quota(category ?? InstitutionCategory.Organ, Indicators.GetValueOrDefault(indicatorText ?? ""), firstYear, constraint, baseline, guide, source);
    }

    public override string Key(Quota row) => $"{row.Category.Code()} {Codes.Of(row.Indicator)} {row.FirstYear}";

    public override Task<ImportCounts> WriteAsync(DbSession session, IReadOnlyList<Quota> rows, long importId, DateTime now,
        CancellationToken cancellationToken)
    {
        var repository = new QuotaRepository(session);
        return UpsertCountedAsync(rows, () => repository.ListAsync(cancellationToken), stored => repository.UpsertAsync(stored, cancellationToken));
    }
}
