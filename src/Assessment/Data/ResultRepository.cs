using System.Collections.Concurrent;
using System.Text.Json;
using Assessment.Assessing;
using Assessment.Rules;
using Assessment.Rules.Results;
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

    /// <summary>
    /// How the <c>details</c> column is written: as <see cref="Json"/>, leaving out what is null or an empty list, a
    /// bonus or deduction of zero and a programme not qualified for, and what the row's own columns hold (level, code,
    /// score, maximum, grade, veto, ranks) or its run (year); reading puts them back (<see cref="Completed"/>).
    /// </summary>
    private static readonly JsonSerializerOptions Stored = new(Json)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutWhatColumnsHold } },
    };

    private static readonly string[] InColumns = ["level", "code", "year", "score", "maxScore", "grade", "vetoed", "rank", "rankInCategory", "rankInCounty"];

    private static void LeaveOutWhatColumnsHold(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        if (info.Type == typeof(DemonstrationLine))
        {
            // Most lines of most results: read back as false when absent.
            info.Properties.Single(property => property.Name == "qualifies").ShouldSerialize = (_, value) => value is true;
            return;
        }

        if (info.Type == typeof(PenaltyResult))
        {
            // A penalty whose rule's terms are left out (see Repeated) writes none of them.
            foreach (var property in info.Properties.Where(property => property.Name is "severity" or "years" or "deadlineDays" or "deductPoints"))
            {
                property.ShouldSerialize = (penalty, value) => ((PenaltyResult)penalty).Label is not null && value is not null;
            }

            return;
        }

        if (info.Type != typeof(AssessmentResult))
        {
            return;
        }

        foreach (var property in info.Properties.ToArray())
        {
            if (InColumns.Contains(property.Name))
            {
                info.Properties.Remove(property);
            }
            else if (property.Name is "bonus" or "deducted")
            {
                // Zero is read back when absent; only +0 is left out, so that a -0 reads back as it was.
                property.ShouldSerialize = (_, value) => value is not double number || BitConverter.DoubleToInt64Bits(number) != 0;
            }
            else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType) && property.PropertyType != typeof(string))
            {
                property.ShouldSerialize = (_, value) => value is not (null or System.Collections.ICollection { Count: 0 });
            }
        }
    }

    /// <summary>A result read from compact details (<see cref="Stored"/>) with what its row and run hold put back; any other as it is.</summary>
    private static AssessmentResult Completed(AssessmentResult result, ResultRow row, int year) => result.Code is not null
        ? result
        : result with
        {
            Level = row.Level,
            Code = row.Code,
            Year = year,
            Score = row.Score,
            MaxScore = row.MaxScore,
            Grade = row.Grade,
            Vetoed = row.Vetoed,
            Rank = row.Rank,
            RankInCategory = row.RankInCategory,
            RankInCounty = row.RankInCounty,
            Vetoes = result.Vetoes ?? [],
            Items = result.Items ?? [],
            Demonstrations = result.Demonstrations ?? [],
            Penalties = result.Penalties ?? [],
            Incentives = result.Incentives ?? [],
            Issues = result.Issues ?? [],
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
        // A result's items are stored as its row of points and the scoring set's version (details then list none): a
        // fifth of the size of labelled items, which are put back from the version when the result is read. What every
        // result repeats of the run's versions is left out too, and put back the same way (see Repeated).
        var repeated = await RepeatedAsync(run.RuleSets, cancellationToken);
        // The scoring set is named by its id alone where that version is the run's only version of the set (as ever).
        var itemSets = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        string ItemSet(ItemRow row) => itemSets.GetOrAdd(row.Layout.Key, key =>
        {
            var id = key[..key.IndexOf('@')];
            return run.RuleSets.Contains(key, StringComparer.Ordinal) && run.RuleSets.Count(other => other.StartsWith(id + "@", StringComparison.Ordinal)) == 1
                ? id
                : key;
        });
        await BulkInsert.RunAsync(session, "assessment_results",
            ["run_id", "level", "code", "score", "max_score", "grade", "vetoed", "rank", "rank_in_category", "rank_in_county", "penalty_actions", "titles",
                "item_set", "item_points", "details"],
            results.Select(result => (Result: result, Earlier: EarlierResult.Of(result), Row: result.Items as ItemRow)), (entry, i) => i switch
            {
                0 => id,
                1 => entry.Result.Level,
                2 => entry.Result.Code,
                3 => entry.Result.Score,
                4 => entry.Result.MaxScore,
                5 => entry.Result.Grade,
                6 => entry.Result.Vetoed,
                7 => entry.Result.Rank,
                8 => entry.Result.RankInCategory,
                9 => entry.Result.RankInCounty,
                10 => string.Join(',', entry.Earlier.PenaltyActions),
                11 => string.Join(',', entry.Earlier.Titles),
                12 => entry.Row is { } row ? ItemSet(row) : null,
                13 => entry.Row?.PointsJson(),
                _ => new Utf8Text(JsonSerializer.SerializeToUtf8Bytes(repeated.Without(entry.Row is null ? entry.Result : entry.Result with { Items = [] }), Stored)),
            }, cancellationToken, plain: true);
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
        var rows = (await session.Connection.QueryAsync<ResultRow>(new CommandDefinition(
            "SELECT details AS Details, item_set AS ItemSet, item_points AS ItemPoints, level AS Level, code AS Code, score AS Score, max_score AS MaxScore, " +
            "grade AS Grade, vetoed AS Vetoed, rank AS Rank, rank_in_category AS RankInCategory, rank_in_county AS RankInCounty " +
            "FROM assessment_results WHERE run_id = @runId AND level = @level ORDER BY rank, code",
            new { runId, level }, session.Transaction, cancellationToken: cancellationToken))).AsList();
        var run = rows.Count > 0 ? await RunAsync(runId, cancellationToken) : null;
        // item_set is a version's key (id@hash), or its id alone for the run's version of that set.
        var keys = rows.Select(row => row.ItemSet).OfType<string>().Distinct().ToDictionary(set => set, set => set.Contains('@')
            ? set
            : run!.RuleSets.FirstOrDefault(key => key.StartsWith(set + "@", StringComparison.Ordinal)) ?? set);
        var layouts = await VersionsAsync(keys.Values.Distinct().ToArray(), cancellationToken);
        var results = rows.Select(row =>
        {
            var result = Completed(JsonSerializer.Deserialize<AssessmentResult>(row.Details, Json)!, row, run!.Year);
            return row.ItemSet is { } set ? result with { Items = new ItemRow(layouts[keys[set]].Layout, ItemRow.ParsePoints(row.ItemPoints!)) } : result;
        }).ToArray();

        // The run's versions are read only when a result left out what they say (results stored before did not).
        if (run is not null && results.Any(Repeated.LeftOut))
        {
            var repeated = await RepeatedAsync(run.RuleSets, cancellationToken);
            results = results.Select(repeated.With).ToArray();
        }

        return results;
    }

    private sealed class ResultRow
    {
        public string Details { get; set; } = "";
        public string? ItemSet { get; set; }
        public string? ItemPoints { get; set; }
        public string Level { get; set; } = "";
        public string Code { get; set; } = "";
        public double Score { get; set; }
        public double MaxScore { get; set; }
        public string Grade { get; set; } = "";
        public bool Vetoed { get; set; }
        public int Rank { get; set; }
        public int RankInCategory { get; set; }
        public int RankInCounty { get; set; }
    }

    /// <summary>
    /// What reading results needs of a stored version: its id, scored items, level and title, and what each rule gives a
    /// result to show (by rule name, the first of a name).
    /// </summary>
    private sealed record VersionFacts(string Id, RuleSetKind Kind, ItemLayout Layout, string Level, string Title, string TitleEn,
        IReadOnlyDictionary<string, RuleText> Rules, IReadOnlyDictionary<string, string> GradeLabels);

    /// <summary>
    /// What a finding, penalty or incentive of a rule carries of the rule itself, as <see cref="RuleSetEvaluator"/> copies it
    /// (a finding's message is the rule's label when it has none): everything but an incentive's amount.
    /// </summary>
    private sealed record RuleText(string Label, string LabelEn, string Message, string MessageEn, string? Level, string? Action, int Severity,
        int? Years, int? DeadlineDays, double DeductPoints, string? Type, string Unit)
    {
        public static RuleText? Of(RuleProperties properties)
        {
            try
            {
                return new RuleText(properties.Label, properties.LabelEn, properties.Message ?? properties.Label, properties.MessageEn ?? properties.LabelEn,
                    properties.Level, properties.Action, properties.Severity, properties.Years, properties.DeadlineDays, properties.DeductPoints,
                    properties.IncentiveType, properties.Unit);
            }
            catch (FormatException)
            {
                return null; // a property that is not a number where one is meant: nothing of the rule is left out
            }
        }

        public QualityIssue Fill(QualityIssue issue) =>
            issue with { Label = Label, LabelEn = LabelEn, Level = Level!, Message = Message, MessageEn = MessageEn };

        public PenaltyResult Fill(PenaltyResult penalty) => penalty with
        {
            Label = Label, LabelEn = LabelEn, Action = Action!, Severity = Severity, Years = Years, DeadlineDays = DeadlineDays, DeductPoints = DeductPoints,
        };

        public IncentiveResult Fill(IncentiveResult incentive) => incentive with { Label = Label, LabelEn = LabelEn, Type = Type!, Unit = Unit };
    }

    // A version's text never changes (its key is its hash), so what results need of it is read once per process,
    // whichever database it came from; read from the text, not compiled.
    private static readonly ConcurrentDictionary<string, VersionFacts> Versions = new(StringComparer.Ordinal);

    private async Task<IReadOnlyDictionary<string, VersionFacts>> VersionsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var missing = keys.Where(key => !Versions.ContainsKey(key)).ToArray();
        if (missing.Length > 0)
        {
            foreach (var stored in await new RuleSetRepository(session).GetAsync(missing, cancellationToken))
            {
                var document = JsonSerializer.Deserialize<RuleSetDocument>(stored.Document, RuleSetReader.Options)!;
                var rules = new Dictionary<string, RuleText>(StringComparer.Ordinal);
                var grades = new Dictionary<string, string>(StringComparer.Ordinal); // as grading labels a grade: its first rule's label
                foreach (var rule in document.Workflow.Rules ?? [])
                {
                    var properties = new RuleProperties(rule.Properties);
                    if (RuleText.Of(properties) is { } text)
                    {
                        rules.TryAdd(rule.RuleName ?? "", text);
                    }

                    if (properties.Grade is { } grade)
                    {
                        grades.TryAdd(grade, properties.Label);
                    }
                }

                Versions.TryAdd(stored.Key, new VersionFacts(document.Id, document.Kind, ItemLayout.Read(stored.Document), stored.Level, document.Title.Zh,
                    document.Title.En, rules, grades));
            }
        }

        return keys.Distinct().ToDictionary(key => key, key => Versions[key]);
    }

    /// <summary>
    /// What every result of a run repeats of the rule-set versions it used: the versions of its level (as <c>id@hash</c>
    /// with the short hash, in order), each demonstration programme's title, the label of its grade, and the texts of the
    /// rules behind its findings, penalties and incentives. Details leave each out where it is what the run's versions
    /// say, and reading puts it back; details stored before (or a result that differs) keep it, and are read as they are.
    /// </summary>
    private sealed class Repeated(IReadOnlyDictionary<string, string[]> ruleSets, IReadOnlyDictionary<string, VersionFacts> byId,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> gradeLabels, IReadOnlyDictionary<string, string[]> programmes)
    {
        private RuleText? Text(string ruleSet, string rule) =>
            byId.TryGetValue(ruleSet, out var version) ? version.Rules.GetValueOrDefault(rule) : null;

        private (string Title, string TitleEn)? Title(string programme) =>
            byId.TryGetValue(programme, out var version) ? (version.Title, version.TitleEn) : null;

        private string? GradeLabel(string level, string grade) =>
            gradeLabels.TryGetValue(level, out var labels) ? labels.GetValueOrDefault(grade) : null;

        public AssessmentResult Without(AssessmentResult result)
        {
            if (ruleSets.TryGetValue(result.Level, out var sets) && sets.SequenceEqual(result.RuleSets, StringComparer.Ordinal))
            {
                result = result with { RuleSets = null! };
            }

            if (result.GradeLabel is not null && GradeLabel(result.Level, result.Grade) == result.GradeLabel)
            {
                result = result with { GradeLabel = null! };
            }

            // A line's programme is left out when the lines are the level's programmes in the run's order (as the run gives them).
            var titled = result.Demonstrations.Count > 0 && result.Demonstrations.All(line => Title(line.Programme) == (line.Title, line.TitleEn));
            var inOrder = result.Demonstrations.Count > 0 && programmes.TryGetValue(result.Level, out var order)
                                                          && result.Demonstrations.Select(line => line.Programme).SequenceEqual(order, StringComparer.Ordinal);
            if (titled || inOrder)
            {
                result = result with
                {
                    Demonstrations = result.Demonstrations.Select(line => line with
                    {
                        Programme = inOrder ? null! : line.Programme, Title = titled ? null! : line.Title, TitleEn = titled ? null! : line.TitleEn,
                    }).ToArray(),
                };
            }

            // A finding, penalty or incentive left out is marked by its label (null); the rest of what its rule gives it goes with it.
            return result with
            {
                Issues = Each(result.Issues, issue => Text(issue.RuleSet, issue.Rule)?.Fill(issue) == issue
                    ? issue with { Label = null!, LabelEn = null!, Level = null!, Message = null!, MessageEn = null! }
                    : issue),
                // Compared bit for bit too: record equality takes -0 for 0, and reading would give the rule's.
                Penalties = Each(result.Penalties, penalty => Text(penalty.RuleSet, penalty.Rule)?.Fill(penalty) is { } filled && filled == penalty
                                                              && BitConverter.DoubleToInt64Bits(filled.DeductPoints) == BitConverter.DoubleToInt64Bits(penalty.DeductPoints)
                    ? penalty with { Label = null!, LabelEn = null!, Action = null! }
                    : penalty),
                Incentives = Each(result.Incentives, incentive => Text(incentive.RuleSet, incentive.Rule)?.Fill(incentive) == incentive
                    ? incentive with { Label = null!, LabelEn = null!, Type = null!, Unit = null! }
                    : incentive),
            };
        }

        /// <summary>Whether <paramref name="result"/> was read without something <see cref="With"/> puts back.</summary>
        public static bool LeftOut(AssessmentResult result) =>
            result.RuleSets is null || result.GradeLabel is null || result.Demonstrations.Any(line => line.Title is null || line.Programme is null)
            || result.Issues.Any(issue => issue.Label is null) || result.Penalties.Any(penalty => penalty.Label is null)
            || result.Incentives.Any(incentive => incentive.Label is null);

        public AssessmentResult With(AssessmentResult result) => result with
        {
            RuleSets = result.RuleSets ?? ruleSets.GetValueOrDefault(result.Level) ?? [],
            GradeLabel = result.GradeLabel ?? GradeLabel(result.Level, result.Grade) ?? "",
            Demonstrations = Each(InOrder(result.Level, result.Demonstrations), line => line.Title is null && Title(line.Programme) is { } title
                ? line with { Title = title.Title, TitleEn = title.TitleEn }
                : line),
            Issues = Each(result.Issues, issue => issue.Label is null && Text(issue.RuleSet, issue.Rule) is { } text ? text.Fill(issue) : issue),
            Penalties = Each(result.Penalties, penalty => penalty.Label is null && Text(penalty.RuleSet, penalty.Rule) is { } text ? text.Fill(penalty) : penalty),
            Incentives = Each(result.Incentives, incentive => incentive.Label is null && Text(incentive.RuleSet, incentive.Rule) is { } text
                ? text.Fill(incentive)
                : incentive),
        };

        // The lines with their programmes put back by position, where they were left out.
        private IReadOnlyList<DemonstrationLine> InOrder(string level, IReadOnlyList<DemonstrationLine> lines) =>
            lines.Any(line => line.Programme is null) && programmes.TryGetValue(level, out var order) && order.Length == lines.Count
                ? lines.Select((line, index) => line.Programme is null ? line with { Programme = order[index] } : line).ToArray()
                : lines;

        // The list itself when nothing in it changes (most results share their lists with others: see AssessmentEngine).
        private static IReadOnlyList<T> Each<T>(IReadOnlyList<T> list, Func<T, T> change)
            where T : class
        {
            T[]? changed = null;
            for (var i = 0; i < list.Count; i++)
            {
                var item = change(list[i]);
                if (!ReferenceEquals(item, list[i]))
                {
                    changed ??= [.. list];
                    changed[i] = item;
                }
            }

            return changed ?? list;
        }
    }

    private async Task<Repeated> RepeatedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var facts = await VersionsAsync(keys, cancellationToken);
        // As a result records them: id@ and the first 12 characters of the hash, in order.
        var versions = keys.Select(key => (Key: key[..Math.Min(key.Length, key.IndexOf('@') + 13)], Facts: facts[key])).ToArray();
        return new Repeated(
            versions.GroupBy(version => version.Facts.Level).ToDictionary(group => group.Key,
                group => group.Select(version => version.Key).Order(StringComparer.Ordinal).ToArray()),
            versions.GroupBy(version => version.Facts.Id).ToDictionary(group => group.Key, group => group.First().Facts),
            // A level's grade labels as its grading sets give them (the first set in the run's order that labels a grade).
            versions.GroupBy(version => version.Facts.Level).ToDictionary(group => group.Key, group => (IReadOnlyDictionary<string, string>)group
                .SelectMany(version => version.Facts.GradeLabels).GroupBy(entry => entry.Key).ToDictionary(entry => entry.Key, entry => entry.First().Value)),
            // A level's demonstration programmes in the run's order.
            versions.Where(version => version.Facts.Kind == RuleSetKind.Demonstration).GroupBy(version => version.Facts.Level)
                .ToDictionary(group => group.Key, group => group.Select(version => version.Facts.Id).ToArray()));
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
            ? EarlierResult.Of(WithColumns(JsonSerializer.Deserialize<AssessmentResult>(details, Json)!, row))
            : new EarlierResult(row.Code, row.Year, row.Grade, Split(row.PenaltyActions!), Split(row.Titles!))).ToArray();

        static string[] Split(string ids) => ids.Length == 0 ? [] : ids.Split(',');
    }

    // Compact details (what the row's columns hold left out) with what EarlierResult reads put back.
    private static AssessmentResult WithColumns(AssessmentResult result, EarlierRow row) => result.Code is not null
        ? result
        : result with { Code = row.Code, Year = row.Year, Grade = row.Grade, Penalties = result.Penalties ?? [], Demonstrations = result.Demonstrations ?? [] };

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
