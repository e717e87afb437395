using Assessment.Domain;
using Dapper;

namespace Assessment.Data;

/// <summary>Quotas per category and indicator, each in force from its first year.</summary>
public sealed class QuotaRepository(DbSession session)
{
    /// <summary>Adds or replaces quotas (same category, indicator and first year).</summary>
    public Task UpsertAsync(IEnumerable<Quota> quotas, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("quotas", ["category", "indicator", "first_year"], ["constraint_value", "baseline_value", "guide_value", "source"]),
            quotas.Select(quota => new
            {
                category = quota.Category.Code(),
                indicator = Codes.Of(quota.Indicator),
                first_year = quota.FirstYear,
                constraint_value = quota.ConstraintValue,
                baseline_value = quota.BaselineValue,
                guide_value = quota.GuideValue,
                source = quota.Source,
            }),
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>All quotas.</summary>
    public async Task<IReadOnlyList<Quota>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT category AS Category, indicator AS Indicator, first_year AS FirstYear, constraint_value AS ConstraintValue, " +
            "baseline_value AS BaselineValue, guide_value AS GuideValue, source AS Source FROM quotas ORDER BY category, indicator, first_year",
            transaction: session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new Quota(
            Categories.FromCode(row.Category),
            Codes.QuotaIndicatorFrom(row.Indicator) ?? throw new FormatException($"Unknown quota indicator '{row.Indicator}'."),
            row.FirstYear,
            row.ConstraintValue,
            row.BaselineValue,
            row.GuideValue,
            row.Source)).ToArray();
    }

    private sealed class Row
    {
        public string Category { get; set; } = "";
        public string Indicator { get; set; } = "";
        public int FirstYear { get; set; }
        public double ConstraintValue { get; set; }
        public double? BaselineValue { get; set; }
        public double GuideValue { get; set; }
        public string Source { get; set; } = "";
    }
}
