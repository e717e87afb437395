using Assessment.Domain;
using Dapper;

namespace Assessment.Data;

/// <summary>Five-year targets of the prefecture, its counties and its institutions.</summary>
public sealed class TargetRepository(DbSession session)
{
    private static readonly string[] Columns =
    [
        "target_year", "energy_per_area_decline", "energy_per_capita_decline", "water_per_capita_decline", "co2_per_area_decline",
        "energy_cap_tce", "water_cap_m3", "co2_cap_tonnes", "note",
    ];

    /// <summary>Adds or replaces targets (same scope, scope code and baseline year).</summary>
    public Task UpsertAsync(IEnumerable<TargetPlan> plans, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("targets", ["scope", "scope_code", "baseline_year"], Columns),
            plans.Select(plan => new
            {
                scope = Codes.Of(plan.Scope),
                scope_code = plan.ScopeCode,
                baseline_year = plan.BaselineYear,
                target_year = plan.TargetYear,
                energy_per_area_decline = plan.EnergyPerAreaDecline,
                energy_per_capita_decline = plan.EnergyPerCapitaDecline,
                water_per_capita_decline = plan.WaterPerCapitaDecline,
                co2_per_area_decline = plan.Co2PerAreaDecline,
                energy_cap_tce = plan.EnergyCapTce,
                water_cap_m3 = plan.WaterCapM3,
                co2_cap_tonnes = plan.Co2CapTonnes,
                note = plan.Note,
            }),
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>All targets.</summary>
    public async Task<IReadOnlyList<TargetPlan>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT scope AS Scope, scope_code AS ScopeCode, baseline_year AS BaselineYear, target_year AS TargetYear, " +
            "energy_per_area_decline AS EnergyPerAreaDecline, energy_per_capita_decline AS EnergyPerCapitaDecline, " +
            "water_per_capita_decline AS WaterPerCapitaDecline, co2_per_area_decline AS Co2PerAreaDecline, " +
            "energy_cap_tce AS EnergyCapTce, water_cap_m3 AS WaterCapM3, co2_cap_tonnes AS Co2CapTonnes, note AS Note " +
            "FROM targets ORDER BY scope, scope_code, baseline_year",
            transaction: session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new TargetPlan(
            Codes.TargetScopeFrom(row.Scope) ?? throw new FormatException($"Unknown target scope '{row.Scope}'."),
            row.ScopeCode,
            row.BaselineYear,
            row.TargetYear,
            row.EnergyPerAreaDecline,
            row.EnergyPerCapitaDecline,
            row.WaterPerCapitaDecline,
            row.Co2PerAreaDecline,
            row.EnergyCapTce,
            row.WaterCapM3,
            row.Co2CapTonnes,
            row.Note)).ToArray();
    }

    private sealed class Row
    {
        public string Scope { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public int BaselineYear { get; set; }
        public int TargetYear { get; set; }
        public double? EnergyPerAreaDecline { get; set; }
        public double? EnergyPerCapitaDecline { get; set; }
        public double? WaterPerCapitaDecline { get; set; }
        public double? Co2PerAreaDecline { get; set; }
        public double? EnergyCapTce { get; set; }
        public double? WaterCapM3 { get; set; }
        public double? Co2CapTonnes { get; set; }
        public string? Note { get; set; }
    }
}
