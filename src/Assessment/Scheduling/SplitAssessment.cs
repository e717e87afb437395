using System.Globalization;
using System.Text.Json;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Resources;
using Hangfire;

namespace Assessment.Scheduling;

/// <summary>
/// An assessment run split into jobs that any number of workers sharing one job store take (scale-out): one job per
/// county per phase and a ranking job between phases, then a final job that assesses the counties and stores the run.
/// Phase 1 scores and grades each county's institutions; the ranking job ranks everyone on those scores; phase 2 applies
/// the penalties with those ranks; a second ranking; phase 3 the demonstration and incentive sets with the final
/// ranks, giving each institution's result. These are the stages of <see cref="AssessmentEngine"/> in the same order
/// with the same ranking, so the run gives what a run on one machine gives.
/// </summary>
/// <remarks>
/// Every piece is claimed in the job ledger (<c>job_runs</c>) and written once (<c>run_parts</c>), so a job retried after
/// its worker died, or run twice, does its work once. After writing its piece, a county job checks whether every county
/// of the phase is in; the first to see it (a ledger claim) enqueues the next step. A job whose worker died is taken
/// again by another worker when the job store's invisibility timeout passes; the ledger's claim on its piece expires
/// sooner (half of it), so the new attempt takes the piece over.
/// </remarks>
public sealed class SplitAssessment(Database database, TimeProvider clock, JobLedger ledger, IBackgroundJobClient client)
{
    /// <summary>The part of phase 0 that says what the run is.</summary>
    public const string RunPart = "run";

    /// <summary>The part of phases 1 and 2 holding everyone's ranks.</summary>
    public const string RankingPart = "ranking";

    /// <summary>The phase whose county pieces are final results.</summary>
    public const int LastPhase = 3;

    /// <summary>The ledger kind of the final job.</summary>
    public const string FinalKind = "assessment-final";

    /// <summary>The phase whose part <see cref="RunPart"/> holds the id of the stored run, written with it in one transaction.</summary>
    public const int StoredPhase = 4;

    private static readonly JsonSerializerOptions Json = ResultRepository.Json;

    /// <summary>
    /// What a split run is: its year, the exact rule-set versions it uses, the counties it is split into and, per
    /// county, a fingerprint of its institutions (a job finding others fails rather than rank what ranking never saw).
    /// </summary>
    public sealed record Manifest(int Year, IReadOnlyList<string> RuleSets, IReadOnlyList<string> Counties, DateTime Started,
        IReadOnlyDictionary<string, string> Members);

    /// <summary>Starts a split run of <paramref name="year"/> with the rule sets in force: writes what it is and enqueues phase 1; returns its key.</summary>
    public async Task<string> StartAsync(int year, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var service = new AssessmentService(database, clock);
        var selection = new RuleSetSelection(await service.InForceAsync(year, cancellationToken), year);
        await ConsumptionRepository.RefreshYearSumsAsync(database, cancellationToken); // once here, not in every county's job
        await using var session = await database.OpenAsync(cancellationToken);
        var members = Fingerprints(await new InstitutionRepository(session).ListAsync(cancellationToken));
        if (members.Count == 0)
        {
            throw new ArgumentException(Strings.AssessNoInstitutions);
        }

        selection.One(Rules.RuleSetLevel.Institution, Rules.RuleSetKind.Scoring); // fails here, not in a job, without a scoring set
        var counties = members.Keys.Order(StringComparer.Ordinal).ToArray();
        var key = string.Create(CultureInfo.InvariantCulture, $"{year}-{now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
        if (!await new RunPartRepository(session).AddAsync(key, 0, RunPart,
                JsonSerializer.Serialize(new Manifest(year, selection.Keys, counties, now, members), Json), now, cancellationToken))
        {
            throw new InvalidOperationException(string.Format(Strings.SplitRunKeyTaken, key));
        }

        EnqueueCounties(key, 1, counties);
        return key;
    }

    // The institutions of county (or of every county) must be those the run started with; a manifest written before
    // fingerprints existed is not checked.
    private static void CheckMembers(string key, Manifest manifest, IEnumerable<Domain.Institution> institutions, string? county)
    {
        if (manifest.Members is null)
        {
            return;
        }

        var now = Fingerprints(institutions);
        var changed = (county is null ? now.Keys.Union(manifest.Members.Keys) : [county])
            .Where(code => now.GetValueOrDefault(code) != manifest.Members.GetValueOrDefault(code))
            .Order(StringComparer.Ordinal).ToArray();
        if (changed.Length > 0)
        {
            throw new InvalidOperationException(string.Format(Strings.SplitRunDataChanged, key, string.Join("、", changed)));
        }
    }

    // Per county, a hash of its institutions' codes in order.
    private static Dictionary<string, string> Fingerprints(IEnumerable<Domain.Institution> institutions) =>
        institutions.GroupBy(institution => institution.CountyCode).ToDictionary(group => group.Key, group => Convert.ToHexString(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
                group.Select(institution => institution.Code).Order(StringComparer.Ordinal)))))[..16], StringComparer.Ordinal);

    /// <summary>Phase <paramref name="phase"/> of <paramref name="county"/>, then the next step if every county of the phase is in.</summary>
    public async Task<string> CountyAsync(string key, int phase, string county, CancellationToken cancellationToken = default)
    {
        var manifest = await ManifestAsync(key, cancellationToken);
        var summary = await OnceAsync(new JobKey("assessment-county", key, $"{phase}/{county}"), async token =>
        {
            var (selection, facts) = await LoadAsync(key, manifest, token);
            CheckMembers(key, manifest, facts.Data.Institutions, county);

            var rankings = new List<IReadOnlyDictionary<string, AssessmentEngine.Ranks>>();
            await using (var session = await database.OpenAsync(token))
            {
                for (var earlier = 1; earlier < phase; earlier++)
                {
                    var ranking = await new RunPartRepository(session).GetAsync(key, earlier, RankingPart, token)
                                  ?? throw new InvalidOperationException($"{key}: ranking {earlier} is missing");
                    rankings.Add(JsonSerializer.Deserialize<Dictionary<string, AssessmentEngine.Ranks>>(ranking, Json)!);
                }
            }

            var (scores, results) = AssessmentEngine.RunCounty(facts, selection, county, rankings);
            var payload = phase < LastPhase ? JsonSerializer.Serialize(scores, Json) : JsonSerializer.Serialize(results, Json);
            await AddPartAsync(key, phase, county, payload, token);
            return string.Format(CultureInfo.InvariantCulture, "{0} institutions", scores.Count);
        }, cancellationToken);

        await AdvanceAsync(key, phase, manifest, cancellationToken);
        return summary;
    }

    /// <summary>Ranks everyone on the scores every county gave in <paramref name="phase"/>, then enqueues the next phase.</summary>
    public async Task<string> RankAsync(string key, int phase, CancellationToken cancellationToken = default)
    {
        var manifest = await ManifestAsync(key, cancellationToken);
        var summary = await OnceAsync(new JobKey("assessment-ranking", key, phase.ToString(CultureInfo.InvariantCulture)), async token =>
        {
            IReadOnlyDictionary<string, string> parts;
            await using (var session = await database.OpenAsync(token))
            {
                CheckMembers(key, manifest, await new InstitutionRepository(session).ListAsync(token), null);
                parts = await new RunPartRepository(session).ListAsync(key, phase, RankingPart, token);
            }

            var scores = parts.Values.SelectMany(payload => JsonSerializer.Deserialize<AssessmentEngine.Scored[]>(payload, Json)!).ToArray();
            var ranks = AssessmentEngine.RankAll(scores);
            await AddPartAsync(key, phase, RankingPart, JsonSerializer.Serialize(ranks, Json), token);
            return string.Format(CultureInfo.InvariantCulture, "{0} institutions ranked", ranks.Count);
        }, cancellationToken);

        await OnceAsync(new JobKey("assessment-advance", key, $"{phase}/{RankingPart}"), _ =>
        {
            EnqueueCounties(key, phase + 1, manifest.Counties);
            return Task.FromResult($"phase {phase + 1} enqueued");
        }, cancellationToken);
        return summary;
    }

    /// <summary>Assesses the counties over every institution's final result and stores the run, once.</summary>
    public Task<string> FinishAsync(string key, CancellationToken cancellationToken = default) =>
        OnceAsync(new JobKey(FinalKind, key, RunPart), async token =>
        {
            if (await StoredRunAsync(key, token) is { } storedBefore)
            {
                return string.Format(Strings.SplitRunStoredBefore, key, storedBefore); // an attempt after a crash: the work is done
            }

            var manifest = await ManifestAsync(key, token);
            var (selection, facts) = await LoadAsync(key, manifest, token);
            var data = facts.Data;
            CheckMembers(key, manifest, data.Institutions, null);
            IReadOnlyDictionary<string, string> parts;
            await using (var session = await database.OpenAsync(token))
            {
                parts = await new RunPartRepository(session).ListAsync(key, LastPhase, RankingPart, token);
            }

            var results = parts.Values.SelectMany(payload => JsonSerializer.Deserialize<AssessmentResult[]>(payload, Json)!).ToArray();
            var outcome = AssessmentEngine.FinishCounties(facts, selection, results);
            // The run and the record that it was stored commit together: an attempt after a crash stores nothing twice.
            var now = clock.GetUtcNow().UtcDateTime;
            var stored = await new AssessmentService(database, clock).StoreAsync(manifest.Year, selection, data, outcome, manifest.Started,
                string.Format(Strings.SplitRunNote, key, manifest.Counties.Count), token,
                (session, runId) => new RunPartRepository(session).AddAsync(key, StoredPhase, RunPart, runId.ToString(CultureInfo.InvariantCulture), now, token));
            Loaded.TryRemove((database.Target.ConnectionString, key), out _);
            return stored is null
                ? string.Format(Strings.SplitRunStoredBefore, key, await StoredRunAsync(key, token))
                : string.Format(Strings.JobAnnualRun, stored.Run.Id, stored.Institutions.Count, stored.Counties.Count);
        }, cancellationToken);

    /// <summary>The stored run of a finished split run, or null while it runs.</summary>
    public async Task<long?> StoredRunAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return await new RunPartRepository(session).GetAsync(key, StoredPhase, RunPart, cancellationToken) is { } id
            ? long.Parse(id, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The pieces of a split run that failed, with their attempts and errors (Hangfire retries a failed job a few times).</summary>
    public async Task<IReadOnlyList<JobRun>> FailedAsync(string key, CancellationToken cancellationToken = default) =>
        (await ledger.ForScopeAsync(key, cancellationToken)).Where(run => run.Status == "failed").ToArray();

    // When every county of the phase is in, the next step is enqueued, once.
    private async Task AdvanceAsync(string key, int phase, Manifest manifest, CancellationToken cancellationToken)
    {
        int done;
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            done = await new RunPartRepository(session).CountAsync(key, phase, RankingPart, cancellationToken);
        }

        if (done < manifest.Counties.Count)
        {
            return;
        }

        await OnceAsync(new JobKey("assessment-advance", key, phase.ToString(CultureInfo.InvariantCulture)), token =>
        {
            var enqueued = phase < LastPhase
                ? client.Enqueue<AssessmentJobs>(jobs => jobs.SplitRankAsync(key, phase, CancellationToken.None))
                : client.Enqueue<AssessmentJobs>(jobs => jobs.SplitFinishAsync(key, CancellationToken.None));
            return Task.FromResult(phase < LastPhase ? $"ranking {phase} enqueued as job {enqueued}" : $"final job enqueued as job {enqueued}");
        }, cancellationToken);
    }

    private void EnqueueCounties(string key, int phase, IReadOnlyList<string> counties)
    {
        foreach (var county in counties)
        {
            client.Enqueue<AssessmentJobs>(jobs => jobs.SplitCountyAsync(key, phase, county, CancellationToken.None));
        }
    }

    // Claims the piece; another worker holding a live claim means: not now (the job fails and is retried later).
    private Task<string> OnceAsync(JobKey key, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken) =>
        ledger.DescribeOnceAsync(key, work, runningElsewhereFails: true, cancellationToken);

    private async Task<Manifest> ManifestAsync(string key, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var manifest = await new RunPartRepository(session).GetAsync(key, 0, RunPart, cancellationToken)
                       ?? throw new ArgumentException(string.Format(Strings.SplitRunUnknown, key));
        return JsonSerializer.Deserialize<Manifest>(manifest, Json)!;
    }

    // The year a worker process read for a run, with its inputs builder (population statistics sorted once), kept for
    // the run's next jobs in this process: each county has three jobs, and reading the year is most of a job's work.
    // One run at a time is kept (a new key replaces it), so a worker holds at most one year; a load that failed is
    // forgotten, so that a retry reads again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Database, string Key), Lazy<Task<(RuleSetSelection, FactsBuilder)>>> Loaded = new();

    private async Task<(RuleSetSelection Selection, FactsBuilder Facts)> LoadAsync(string key, Manifest manifest, CancellationToken cancellationToken)
    {
        var id = (database.Target.ConnectionString, key);
        foreach (var other in Loaded.Keys.Where(other => other != id))
        {
            Loaded.TryRemove(other, out _);
        }

        var load = Loaded.GetOrAdd(id, _ => new Lazy<Task<(RuleSetSelection, FactsBuilder)>>(async () =>
            (await new AssessmentService(database, clock).SelectionAsync(manifest.RuleSets, manifest.Year, CancellationToken.None),
                new FactsBuilder(await AssessmentData.LoadAsync(database, manifest.Year, cancellationToken: CancellationToken.None)))));
        try
        {
            return await load.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            Loaded.TryRemove(new KeyValuePair<(string, string), Lazy<Task<(RuleSetSelection, FactsBuilder)>>>(id, load));
            throw;
        }
    }

    private async Task AddPartAsync(string key, int phase, string part, string payload, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        await new RunPartRepository(session).AddAsync(key, phase, part, payload, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
