using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;
using Dapper;

namespace Assessment.Import;

/// <summary>
/// Five-year targets: <c>scope,scope_code,baseline_year,target_year</c>, the declines (<c>5%</c> or <c>0.05</c>) and caps,
/// each optional, and a note. The scope is prefecture, county or institution; the prefecture needs no code.
/// </summary>
internal sealed class TargetImport : TableImport<TargetPlan>
{
    private static readonly Dictionary<string, TargetScope> Scopes = new()
    {
        ["prefecture"] = TargetScope.Prefecture,
        ["全州"] = TargetScope.Prefecture,
        ["州"] = TargetScope.Prefecture,
        ["county"] = TargetScope.County,
        ["县市"] = TargetScope.County,
        ["县"] = TargetScope.County,
        ["institution"] = TargetScope.Institution,
        ["单位"] = TargetScope.Institution,
        ["公共机构"] = TargetScope.Institution,
    };

    private HashSet<string> _counties = [];
    private HashSet<string> _institutions = [];

    public override ImportKind Kind => ImportKind.Targets;

    public override IReadOnlyList<ImportColumn> Columns { get; } =
    [
        new("scope", ["层级", "对象类型"]),
        new("scope_code", ["对象编码", "编码"], Required: false),
        new("baseline_year", ["基准年"]),
        new("target_year", ["目标年"]),
        new("energy_per_area_decline", ["单位建筑面积能耗下降率", "单位面积能耗下降率"], Required: false),
        new("energy_per_capita_decline", ["人均综合能耗下降率", "人均能耗下降率"], Required: false),
        new("water_per_capita_decline", ["人均用水量下降率", "人均用水下降率"], Required: false),
        new("co2_per_area_decline", ["单位建筑面积碳排放下降率", "单位面积碳排放下降率"], Required: false),
        new("energy_cap_tce", ["能耗总量上限"], "tce", Required: false),
        new("water_cap_m3", ["用水总量上限"], "m3|t", Required: false),
        new("co2_cap_tonnes", ["碳排放总量上限"], "t", Required: false),
        new("note", ["说明"], Required: false),
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["scope", "scope_code", "baseline_year"];

    public override async Task LoadAsync(DbSession session, ImportOptions options, CancellationToken cancellationToken)
    {
        _counties = (await new CountyRepository(session).ListAsync(cancellationToken)).Select(county => county.Code).ToHashSet();
        _institutions = (await session.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM institutions", transaction: session.Transaction, cancellationToken: cancellationToken))).ToHashSet();
    }

    public override TargetPlan Read(CellReader cells)
    {
        var scopeText = cells.Text("scope");
        var scope = TargetScope.Prefecture;
        if (scopeText is not null && !Scopes.TryGetValue(Units.Normalize(scopeText), out scope))
        {
            cells.Error("scope", scopeText, Strings.ImportScopeUnknown);
        }

        var code = scope == TargetScope.Prefecture
            ? TargetPlan.PrefectureCode
            : cells.Text("scope_code") ?? "";
        if (scope != TargetScope.Prefecture && code.Length > 0
            && !(scope == TargetScope.County ? _counties : _institutions).Contains(code))
        {
            cells.Error("scope_code", code, Strings.ImportScopeCodeUnknown);
        }

        var baseline = cells.Integer("baseline_year", 1990, 2100);
        var target = cells.Integer("target_year", 1990, 2100);
        if (!cells.HasErrorIn("baseline_year") && !cells.HasErrorIn("target_year") && target <= baseline)
        {
            cells.Error("target_year", target.ToString(System.Globalization.CultureInfo.InvariantCulture), Strings.ImportTargetYears);
        }

        return new TargetPlan(scope, code, baseline, target,
            cells.OptionalFraction("energy_per_area_decline"),
            cells.OptionalFraction("energy_per_capita_decline"),
            cells.OptionalFraction("water_per_capita_decline"),
            cells.OptionalFraction("co2_per_area_decline"),
            cells.OptionalPositive("energy_cap_tce"),
            cells.OptionalPositive("water_cap_m3"),
            cells.OptionalPositive("co2_cap_tonnes"),
            cells.Text("note", required: false) is { Length: > 0 } note ? note : null);
    }

    public override string Key(TargetPlan row) => $"{Codes.Of(row.Scope)} {row.ScopeCode} {row.BaselineYear}";

    public override Task<ImportCounts> WriteAsync(DbSession session, IReadOnlyList<TargetPlan> rows, long importId, DateTime now,
        CancellationToken cancellationToken)
    {
        var repository = new TargetRepository(session);
        return UpsertCountedAsync(rows, () => repository.ListAsync(cancellationToken), stored => repository.UpsertAsync(stored, cancellationToken));
    }
}
