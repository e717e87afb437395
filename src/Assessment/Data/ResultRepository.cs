using System.Text.Json;
using Assessment.Assessing;
using Dapper;

namespace Assessment.Data;

/// <summary>Assessment runs and their results; a new run never changes an earlier one.</summary>
public sealed class ResultRepository(DbSession session)
{
    /// <summary>How results are written in the <c>details</c> column, and printed as JSON.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Stores a run and every result of it; returns the run's id.</summary>
    public async Task<long> AddRunAsync(AssessmentRun run, IReadOnlyList<AssessmentResult> results, CancellationToken cancellationToken = default)
    {
        var id = await session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            session.Dialect.InsertReturningId("assessment_runs",
                ["year", "rule_sets", "factor_tables", "institutions", "counties", "started_at", "finished_at", "note"]),
            new
            {
                year = run.Year,
                rule_sets = JsonSerializer.Serialize(run.RuleSets),
                factor_tables = JsonSerializer.Serialize(run.FactorTables),
                institutions = run.Institutions,
                counties = run.Counties,
                started_at = run.StartedAt,
                finished_at = run.FinishedAt,
                note = run.Note,
            },
            session.Transaction,
            cancellationToken: cancellationToken));
        await BulkInsert.RunAsync(session, "assessment_results",
            ["run_id", "level", "code", "score", "max_score", "grade", "vetoed", "rank", "rank_in_category", "rank_in_county", "penalty_actions", "titles", "details"],
            results, (result, i) => i switch
            {
                0 => id,
                1 => result.Level,
                2 => result.Code,
                3 => result.Score,
                4 => result.MaxScore,
                5 => result.Grade,
                6 => result.Vetoed,
                7 => result.Rank,
                8 => result.RankInCategory,
                9 => result.RankInCounty,
                10 => string.Join(',', EarlierResult.Of(result).PenaltyActions),
                11 => string.Join(',', EarlierResult.Of(result).Titles),
                _ => JsonSerializer.Serialize(result, Json),
            }, cancellationToken);
        return id;
    }

    /// <summary>The latest run of <paramref name="year"/>, or null.</summary>
    public async Task<AssessmentRun?> LatestRunAsync(int year, CancellationToken cancellationToken = default) =>
        (await RunsAsync("WHERE year = @year ORDER BY id DESC", new { year }, cancellationToken)).FirstOrDefault();

    /// <summary>The run <paramref name="id"/>, or null.</summary>
    public async Task<AssessmentRun?> RunAsync(long id, CancellationToken cancellationToken = default) =>
        (await RunsAsync("WHERE id = @id", new { id }, cancellationToken)).FirstOrDefault();

    /// <summary>The results of run <paramref name="runId"/> at <paramref name="level"/>, best first.</summary>
    public async Task<IReadOnlyList<AssessmentResult>> ResultsAsync(long runId, string level, CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT details FROM assessment_results WHERE run_id = @runId AND level = @level ORDER BY rank, code",
            new { runId, level }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(details => JsonSerializer.Deserialize<AssessmentResult>(details, Json)!).ToArray();
    }

    /// <summary>
    /// The results of the latest run of every year before <paramref name="year"/>, at <paramref name="level"/>; only runs
    /// before <paramref name="beforeRun"/> when given, so that a run can be reproduced with the history it saw.
    /// </summary>
    public async Task<IReadOnlyList<EarlierResult>> EarlierResultsAsync(int year, string level, long? beforeRun = null,
        CancellationToken cancellationToken = default)
    {
        // The short columns only; a result stored before they existed (NULL) is read from its details.
        var rows = await session.Connection.QueryAsync<EarlierRow>(new CommandDefinition(
            "SELECT r.code AS Code, u.year AS Year, r.grade AS Grade, r.penalty_actions AS PenaltyActions, r.titles AS Titles, " +
            "CASE WHEN r.penalty_actions IS NULL OR r.titles IS NULL THEN r.details END AS Details " +
            "FROM assessment_results r JOIN assessment_runs u ON u.id = r.run_id WHERE r.level = @level AND r.run_id IN " +
            "(SELECT MAX(id) FROM assessment_runs WHERE year < @year AND id < @beforeRun GROUP BY year)",
            new { year, level, beforeRun = beforeRun ?? long.MaxValue }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => row.Details is { } details
            ? EarlierResult.Of(JsonSerializer.Deserialize<AssessmentResult>(details, Json)!)
            : new EarlierResult(row.Code, row.Year, row.Grade, Split(row.PenaltyActions!), Split(row.Titles!))).ToArray();

        static string[] Split(string ids) => ids.Length == 0 ? [] : ids.Split(',');
    }

    private sealed class EarlierRow
    {
        public string Code { get; set; } = "";
        public int Year { get; set; }
        public string Grade { get; set; } = "";
        public string? PenaltyActions { get; set; }
        public string? Titles { get; set; }
        public string? Details { get; set; }
    }

    private async Task<IReadOnlyList<AssessmentRun>> RunsAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await session.Connection.QueryAsync<RunRow>(new CommandDefinition(
            "SELECT id AS Id, year AS Year, rule_sets AS RuleSets, factor_tables AS FactorTables, institutions AS Institutions, counties AS Counties, " +
            "started_at AS StartedAt, finished_at AS FinishedAt, note AS Note FROM assessment_runs " + where,
            parameters, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new AssessmentRun(row.Id, row.Year, JsonSerializer.Deserialize<string[]>(row.RuleSets)!,
            JsonSerializer.Deserialize<string[]>(row.FactorTables)!, row.Institutions, row.Counties, row.StartedAt, row.FinishedAt, row.Note)).ToArray();
    }

    private sealed class RunRow
    {
        public long Id { get; set; }
        public int Year { get; set; }
        public string RuleSets { get; set; } = "";
        public string FactorTables { get; set; } = "";
        public int Institutions { get; set; }
        public int Counties { get; set; }
        public DateTime StartedAt { get; set; }
        public DateTime FinishedAt { get; set; }
        public string? Note { get; set; }
    }
}
