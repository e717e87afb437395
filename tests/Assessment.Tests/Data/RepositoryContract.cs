using Dapper;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Scheduling;
using Assessment.Tests.Support;
using Assessment.Workflows;
using Microsoft.Data.Sqlite;

namespace Assessment.Tests.Data;

/// <summary>
/// What every storage engine must do, written once: each engine has a small subclass that supplies a fresh database
/// (a SQLite file here; SQL Server when ASSESSMENT_TEST_SQLSERVER names one, skipped otherwise).
/// </summary>
public abstract class RepositoryContract
{
    private static readonly DateTime Now = FixedClock.Default.GetUtcNow().UtcDateTime;

    /// <summary>A database with the schema, the shipped factor tables, two counties and nothing else.</summary>
    protected abstract Task<Database> FreshAsync();

    [Fact]
    public async Task Institutions_round_trip_and_a_change_keeps_the_earlier_record()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        var repository = new InstitutionRepository(session);
        var office = Seed.Office();

        var first = await repository.UpsertAsync([office, Seed.Office("A002")], null, Now);
        var second = await repository.UpsertAsync([office with { BuildingAreaM2 = 12_500, KeyUnit = true }, Seed.Office("A002")], null, Now);

        Assert.Equal(new ImportCounts(2, 0, 0), first);
        Assert.Equal(new ImportCounts(0, 1, 1), second);
        var stored = (await repository.ListAsync()).Single(institution => institution.Code == office.Code);
        Assert.Equal(office with { BuildingAreaM2 = 12_500, KeyUnit = true }, stored);
        Assert.Equal(1, await repository.HistoryCountAsync(office.Code));
        Assert.Equal(0, await repository.HistoryCountAsync("A002"));
    }

    [Fact]
    public async Task Yearly_area_and_users_are_kept_per_year()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        var repository = new InstitutionRepository(session);
        await repository.UpsertAsync([Seed.Office()], null, Now);

        await repository.UpsertYearsAsync([new InstitutionYear("A001", 2020, 9_000, 180), new InstitutionYear("A001", 2021, 9_500, 190)]);
        await repository.UpsertYearsAsync([new InstitutionYear("A001", 2021, 9_600, 191)]);

        var years = (await repository.ListYearsAsync()).OrderBy(year => year.Year).ToArray();
        Assert.Equal([new InstitutionYear("A001", 2020, 9_000, 180), new InstitutionYear("A001", 2021, 9_600, 191)], years);
    }

    [Fact]
    public async Task A_month_stored_again_replaces_the_old_values_and_keeps_them_in_history()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        await new InstitutionRepository(session).UpsertAsync([Seed.Office()], null, Now);
        var log = new ImportLogRepository(session);
        var repository = new ConsumptionRepository(session);
        var january = Seed.Quantities(electricityKwh: 1000, waterM3: 50).ToMonthly("A001", 2024, 1);
        var february = Seed.Quantities(electricityKwh: 900, waterM3: 45).ToMonthly("A001", 2024, 2);

        var firstImport = await log.AddAsync("consumption", "a.csv", "x", Now);
        var first = await repository.ReplaceAsync([january, february], firstImport, Now);
        var secondImport = await log.AddAsync("consumption", "b.csv", "y", Now);
        var second = await repository.ReplaceAsync([january with { Quantities = january.Quantities with { ElectricityKwh = 1100 } }, february], secondImport, Now);

        Assert.Equal(new ImportCounts(2, 0, 0), first);
        Assert.Equal(new ImportCounts(0, 1, 1), second);
        var stored = await repository.ListYearAsync(2024);
        Assert.Equal(1100, stored.Single(row => row.Month == 1).Quantities.ElectricityKwh);
        Assert.Equal([january], await repository.HistoryAsync("A001", 2024, 1));
        Assert.Empty(await repository.HistoryAsync("A001", 2024, 2));
    }

    [Fact]
    public async Task Sums_add_the_months_of_a_year_and_mark_which_were_reported()
    {
        var database = await FreshAsync();
        await using (var session = await database.OpenAsync())
        {
            await new InstitutionRepository(session).UpsertAsync([Seed.Office()], null, Now);
        }

        await Seed.MonthsAsync(database, "A001", 2024, Seed.Quantities(electricityKwh: 100, coalT: 0.5), months: 3);
        await Seed.MonthsAsync(database, "A001", 2023, Seed.Quantities(electricityKwh: 10));

        await using var reader = await database.OpenAsync();
        var sums = (await new ConsumptionRepository(reader).SumsAsync([2024])).Single();

        Assert.Equal(("A001", 2024, 3, 0b111), (sums.Code, sums.Year, sums.MonthsReported, sums.MonthMask));
        Assert.Equal(300, sums.Quantities.ElectricityKwh);
        Assert.Equal(1.5, sums.Quantities.CoalT, 12);
    }

    [Fact]
    public async Task Yearly_sums_are_the_months_sums_whoever_changed_the_months_and_whether_folded_or_not()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        await new InstitutionRepository(session).UpsertAsync([Seed.Office("A001"), Seed.Office("A002")], null, Now);
        var repository = new ConsumptionRepository(session);
        // Months stored out of order, with values whose sum depends on the order of adding.
        MonthlyConsumption Month(string code, int year, int month) => Seed.Quantities(
            electricityKwh: 1000.1 * month + 0.3, waterM3: 1e-3 * month, coalT: month % 2 == 0 ? 1e16 : 1.7, pvKwh: 0.1 * month).ToMonthly(code, year, month);
        await session.BeginAsync(default);
        await repository.InsertManyAsync([.. new[] { 7, 1, 12, 3, 2, 11, 5 }.Select(month => Month("A001", 2024, month)),
            .. Enumerable.Range(1, 12).Reverse().Select(month => Month("A002", 2024, month)), Month("A001", 2023, 4), Month("A001", 2023, 9)]);
        await session.CommitAsync(default);

        async Task<InstitutionYearSums[]> Sums() => [.. (await repository.SumsAsync([2023, 2024])).OrderBy(sum => sum.Code, StringComparer.Ordinal).ThenBy(sum => sum.Year)];
        void AreTheMonths(InstitutionYearSums[] sums) // the months themselves, summed here
        {
            foreach (var sum in sums)
            {
                var rows = session.Connection.Query<(long Month, double Electricity, double Coal)>(
                    "SELECT month, electricity_kwh, coal_t FROM consumption WHERE code = @Code AND year = @Year", new { sum.Code, sum.Year }).ToArray();
                Assert.Equal(rows.Length, sum.MonthsReported);
                Assert.Equal(rows.Sum(row => 1 << (int)(row.Month - 1)), sum.MonthMask);
                Assert.Equal(rows.Sum(row => row.Electricity), sum.Quantities.ElectricityKwh, 1e-9);
            }
        }

        var stale = await Sums();
        Assert.Equal([("A001", 2023), ("A001", 2024), ("A002", 2024)], stale.Select(sum => (sum.Code, sum.Year)));
        AreTheMonths(stale);
        Assert.Equal(3, await repository.RefreshYearSumsAsync());
        Assert.Equal(stale, await Sums()); // to the last bit
        Assert.Equal(0, await repository.RefreshYearSumsAsync());

        // An import replaces a month; another program changes one and deletes a whole year.
        var import = await new ImportLogRepository(session).AddAsync("consumption", "c.csv", "z", Now);
        await repository.ReplaceAsync([Month("A001", 2024, 3) with { Quantities = Seed.Quantities(electricityKwh: 5) }], import, Now);
        await session.Connection.ExecuteAsync("UPDATE consumption SET electricity_kwh = electricity_kwh + 0.25 WHERE code = 'A002' AND year = 2024 AND month = 6");
        await session.Connection.ExecuteAsync("DELETE FROM consumption WHERE code = 'A001' AND year = 2023 AND month = 4");
        await session.Connection.ExecuteAsync("UPDATE consumption SET year = 2022 WHERE code = 'A001' AND year = 2023 AND month = 9"); // moved to another year

        var changed = await Sums();
        Assert.Equal([("A001", 2024), ("A002", 2024)], changed.Select(sum => (sum.Code, sum.Year))); // 2023 has nothing left
        AreTheMonths(changed);
        Assert.Equal((1, 1 << 8), (await repository.SumsAsync([2022])).Select(sum => (sum.MonthsReported, sum.MonthMask)).Single());
        Assert.Equal(stale[1].Quantities.ElectricityKwh - Month("A001", 2024, 3).Quantities.ElectricityKwh + 5, changed[0].Quantities.ElectricityKwh, 1e-9);
        Assert.Equal(3, await repository.RefreshYearSumsAsync()); // A001's 2022 and 2024, A002's 2024; its 2023 had nothing left
        Assert.Equal(changed, await Sums());
        Assert.Equal(stale[2].Quantities.ElectricityKwh + 0.25, (await Sums())[1].Quantities.ElectricityKwh, 1e-9);

        // A year to date is still summed from the months.
        var toMarch = (await repository.SumsAsync([2024], throughMonth: 3)).Single(sum => sum.Code == "A001");
        Assert.Equal((3, 0b111), (toMarch.MonthsReported, toMarch.MonthMask));
    }

    [Fact]
    public async Task A_years_checklists_are_read_compact_whatever_order_their_rows_were_stored_in()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        await new InstitutionRepository(session).UpsertAsync([Seed.Office("A001"), Seed.Office("A002")], null, Now);
        var checklists = new ChecklistRepository(session);
        // A001's items come in two imports with A002's between them; another year's are not read.
        await checklists.UpsertAsync([new("A001", 2024, "audit", 4.5, false, null), new("A001", 2024, "canteen", 0, true, null)], null);
        await checklists.UpsertAsync([new("A002", 2024, "sorting", 9, false, "photo"), new("A001", 2023, "sorting", 7, false, null)], null);
        await checklists.UpsertAsync([new("A001", 2024, "sorting", 6, false, null), new("A001", 2024, "audit", 5, false, null)], null);

        var year = await checklists.ForYearAsync(2024);

        Assert.Equal(["A001", "A002"], year.Keys.Order(StringComparer.Ordinal));
        var first = year["A001"];
        Assert.Equal((5, 6, 0), (first.Points("audit"), first.Points("sorting"), first.Points("canteen")));
        Assert.True(first.NotApplicable("canteen"));
        Assert.False(first.Has("energy-audit"));
        Assert.Equal(["audit", "canteen", "sorting"], first.Items.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(5, first.Points("audit")); // the same once turned into a dictionary
        var second = year["A002"];
        Assert.Equal((0, 9), (second.Points("audit"), second.Points("sorting")));
        Assert.False(second.Has("audit"));
    }

    [Fact]
    public async Task Checklists_with_more_distinct_points_than_a_byte_numbers_read_back_exact()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        var codes = Enumerable.Range(0, 40).Select(index => $"B{index:000}").ToArray();
        await new InstitutionRepository(session).UpsertAsync(codes.Select(code => Seed.Office(code)).ToArray(), null, Now);
        var checklists = new ChecklistRepository(session);
        // 40 institutions × 10 items, each with its own points: 400 distinct entries, numbered past 255.
        var entries = codes.SelectMany((code, institution) => Enumerable.Range(0, 10).Select(item =>
            new ChecklistRepository.Entry(code, 2024, $"item{item}", institution * 10 + item + 0.1, item == 9 && institution % 2 == 0, null))).ToArray();
        await checklists.UpsertAsync(entries, null);

        var year = await checklists.ForYearAsync(2024);

        foreach (var entry in entries)
        {
            var checklist = year[entry.Code];
            Assert.Equal(entry.Points, checklist.Points(entry.Item));
            Assert.Equal(entry.NotApplicable, checklist.NotApplicable(entry.Item));
        }

        Assert.False(year["B039"].Has("item10"));
        Assert.Equal(10, year["B039"].Items.Count);
    }

    [Fact]
    public async Task Factor_tables_keep_every_version_and_the_last_load_is_current()
    {
        var database = await FreshAsync();
        var files = FactorTableReader.ReadDirectory(Repository.Factors);
        var edited = files[0] with
        {
            Document = files[0].Document.Replace("\"value\": 0.5703", "\"value\": 0.5810"),
        };
        edited = edited with { Table = FactorTableReader.Parse(edited.Document, "edited") };

        await using var session = await database.OpenAsync();
        var repository = new FactorTableRepository(session);
        var again = await repository.ReplaceCurrentAsync(files, Now);
        var changed = await repository.ReplaceCurrentAsync([edited, .. files.Skip(1)], Now);

        Assert.Equal(0, again); // the same versions were already stored by init
        Assert.Equal(1, changed);
        var current = await repository.CurrentAsync();
        Assert.Equal(0.5810, current.For(2018).GridFactor("northwest"));
        Assert.Equal(edited.Table.ContentHash, current.For(2018).ContentHash);
    }

    [Fact]
    public async Task Quotas_targets_and_settings_round_trip()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        var quota = new Quota(InstitutionCategory.Organ, QuotaIndicator.EnergyPerArea, 2021, 20.0, 11.9, 6.5, "省级标准");
        var plan = new TargetPlan(TargetScope.County, Seed.Changji.Code, 2020, 2025, 0.05, 0.06, 0.06, 0.07, 40_000, 1_000_000, null, "十四五");

        await new QuotaRepository(session).UpsertAsync([quota, quota with { FirstYear = 2024, GuideValue = 6.0 }]);
        await new TargetRepository(session).UpsertAsync([plan]);
        await new SettingsRepository(session).SetAsync("x", "1");
        await new SettingsRepository(session).SetAsync("x", "2");

        Assert.Equal([quota, quota with { FirstYear = 2024, GuideValue = 6.0 }], await new QuotaRepository(session).ListAsync());
        Assert.Equal([plan], await new TargetRepository(session).ListAsync());
        Assert.Equal("2", await new SettingsRepository(session).GetAsync("x"));
        Assert.Null(await new SettingsRepository(session).GetAsync("y"));
    }

    [Fact]
    public async Task A_workflow_transition_is_kept_and_a_stale_one_is_a_conflict_that_changes_nothing()
    {
        var database = await FreshAsync();
        await using var session = await database.OpenAsync();
        var repository = new WorkflowRepository(session);
        var loaded = WorkflowReader.ReadDirectory(Repository.Workflows, WorkflowReader.AnyRuleSet).Single(item => item.Definition.Subject == WorkflowSubject.County);
        await repository.PublishAsync(loaded, Now);
        await repository.PublishAsync(loaded, Now); // the same version again: nothing new
        var created = await repository.CreateAsync([new WorkflowInstance(0, loaded.Definition.DefinitionId, loaded.ContentHash, 2025, WorkflowSubject.County,
            Seed.Changji.Code, loaded.Definition.InitialState, 0, Now, Now)]);
        var read = Assert.Single(await repository.ListAsync(2025));

        var transition = await repository.TransitionAsync(read, "letter-signed", "sign-letter", "c652301", "county", null, Now);
        await Assert.ThrowsAsync<WorkflowConflictException>(() => repository.TransitionAsync(read, "letter-signed", "sign-letter", "c652301", "county", null, Now));

        Assert.Equal(1, created);
        var stored = await repository.DefinitionOfAsync(read);
        Assert.Equal(loaded.Definition.Triggers.Select(t => (t.Id, t.To)), stored.Triggers.Select(t => (t.Id, t.To)));
        Assert.Equal(("letter-signed", 1), ((await repository.GetAsync(read.Id))!.State, (await repository.GetAsync(read.Id))!.RowVersion));
        Assert.Equal([transition], await repository.HistoryAsync(read.Id));
    }

    [Fact]
    public async Task Job_records_notifications_publications_and_schedules_are_written_once_per_key()
    {
        var database = await FreshAsync();
        var ledger = new JobLedger(database, FixedClock.Default);
        var key = new JobKey("contract", "prefecture", "2025-12");

        var outcomes = new[]
        {
            await ledger.RunOnceAsync(key, _ => Task.FromResult("one")),
            await ledger.RunOnceAsync(key, _ => Task.FromResult("two")),
        };
        await using var session = await database.OpenAsync();
        var notification = new Notification("reminder", "county:652301", "652301", "2025-12", "请填报");
        var added = await new NotificationRepository(session).AddAsync([notification, notification with { Recipient = "bureau" }], Now);
        var addedAgain = await new NotificationRepository(session).AddAsync([notification with { Message = "再次" }], Now);
        var stored = await new PublicationRepository(session).AddAsync("quarterly-consumption", "2025-Q4", "{\"a\":1}", Now);
        var storedAgain = await new PublicationRepository(session).AddAsync("quarterly-consumption", "2025-Q4", "{\"a\":2}", Now);
        await new ScheduleRepository(session).SetAsync("reporting-reminders", "30 8 3 * *", false, Now);

        Assert.Equal([JobLedger.Outcome.Done, JobLedger.Outcome.AlreadyDone], outcomes);
        Assert.Equal(("done", 1, "one"), ((await ledger.FindAsync(key))!.Status, (await ledger.FindAsync(key))!.Attempts, (await ledger.FindAsync(key))!.Result));
        Assert.Equal((2, 0), (added, addedAgain));
        Assert.Equal("请填报", (await new NotificationRepository(session).ListAsync(["county:652301"], null, 10)).Single().Message);
        Assert.Equal((true, false), (stored, storedAgain));
        Assert.Equal("{\"a\":1}", await new PublicationRepository(session).GetAsync("quarterly-consumption", "2025-Q4"));
        var schedule = (await new ScheduleRepository(session).ListAsync()).Single(s => s.Job.Id == "reporting-reminders");
        Assert.Equal(("30 8 3 * *", false), (schedule.Cron, schedule.Enabled));
    }

    [Fact]
    public async Task A_transaction_not_committed_leaves_nothing()
    {
        var database = await FreshAsync();
        await using (var session = await database.OpenAsync())
        {
            await session.BeginAsync(default);
            await new InstitutionRepository(session).UpsertAsync([Seed.Office()], null, Now);
        }

        await using var reader = await database.OpenAsync();
        Assert.Empty(await new InstitutionRepository(reader).ListAsync());
    }
}

public sealed class SqliteRepositoryTests : RepositoryContract, IDisposable
{
    private readonly TempDatabase _temp = new();

    protected override Task<Database> FreshAsync() => Seed.InitAsync(_temp.Database);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_file_that_holds_its_text_as_UTF_16_is_read_as_any_other()
    {
        // Files this program makes hold UTF-8; one made elsewhere may hold UTF-16, which the statements read straight
        // from SQLite (institutions, years, sums) must convert like the reader does.
        await using (var connection = new SqliteConnection($"Data Source={_temp.Path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA encoding = 'UTF-16le'; CREATE TABLE made_elsewhere (x); DROP TABLE made_elsewhere;";
            await command.ExecuteNonQueryAsync();
        }

        var database = await FreshAsync();
        await using (var session = await database.OpenAsync())
        {
            var repository = new InstitutionRepository(session);
            await repository.UpsertAsync([Seed.Office("甲001")], null, FixedClock.Default.GetUtcNow().UtcDateTime);
            await repository.UpsertYearsAsync([new InstitutionYear("甲001", 2024, 9_000, 180)]);
            Assert.False(RawSqlite.IsUtf8((SqliteConnection)session.Connection));
        }

        await Seed.MonthsAsync(database, "甲001", 2024, Seed.Quantities(electricityKwh: 100), months: 2);

        await using var reader = await database.OpenAsync();
        Assert.Equal(Seed.Office("甲001"), (await new InstitutionRepository(reader).ListAsync()).Single());
        Assert.Equal(new InstitutionYear("甲001", 2024, 9_000, 180), (await new InstitutionRepository(reader).ListYearsAsync()).Single());
        Assert.Equal(("甲001", 200.0), (await new ConsumptionRepository(reader).SumsAsync([2024])).Select(sum => (sum.Code, sum.Quantities.ElectricityKwh)).Single());
    }

    [Theory]
    [InlineData("UPDATE institutions SET users = '12 people'", "users")]
    [InlineData("UPDATE institution_years SET year = 'last year'", "year")]
    public async Task Text_left_by_hand_where_a_number_is_meant_is_refused_not_read_as_a_number(string edit, string column)
    {
        var database = await FreshAsync();
        await using (var session = await database.OpenAsync())
        {
            var repository = new InstitutionRepository(session);
            await repository.UpsertAsync([Seed.Office()], null, FixedClock.Default.GetUtcNow().UtcDateTime);
            await repository.UpsertYearsAsync([new InstitutionYear(Seed.Office().Code, 2024, 9_000, 180)]);
            await session.Connection.ExecuteAsync(edit); // the CHECK (users > 0) lets text through: text sorts after numbers
        }

        await using var reader = await database.OpenAsync();
        var repositoryRead = new InstitutionRepository(reader);
        var error = await Assert.ThrowsAsync<InvalidCastException>(async () =>
        {
            await repositoryRead.ListAsync();
            await repositoryRead.ListYearsAsync();
        });
        Assert.Contains(column, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>A server engine's contract tests: run only when <paramref name="variable"/> holds a connection string to a scratch database (its tables are emptied).</summary>
public abstract class ServerRepositoryTests(string variable, string prefix, string engine) : RepositoryContract
{
    protected override async Task<Database> FreshAsync()
    {
        var connection = Environment.GetEnvironmentVariable(variable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(connection), $"No {engine} here: set {variable} to a scratch database's connection string to run these.");
        var database = new Database(DatabaseTarget.Parse(prefix + connection));
        database.Migrate();
        await database.ResetAsync();
        return await Seed.InitAsync(database);
    }

    [Fact]
    public async Task Writers_of_other_months_of_the_same_institutions_do_not_wait_on_each_other()
    {
        var database = await FreshAsync();
        var now = FixedClock.Default.GetUtcNow().UtcDateTime;
        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();
        await new InstitutionRepository(first).UpsertAsync([Seed.Office("A001"), Seed.Office("A002")], null, now);
        async Task WriteAsync(DbSession session, string code, int month)
        {
            var import = await new ImportLogRepository(session).AddAsync("consumption", $"{code}-{month}.csv", "x", now);
            await new ConsumptionRepository(session).ReplaceAsync([Seed.Quantities(electricityKwh: month).ToMonthly(code, 2024, month)], import, now);
        }

        // Two imports marking the same institution-years stale in opposite orders (with a unique key on the marks this deadlocked).
        await first.BeginAsync(default);
        await second.BeginAsync(default);
        await WriteAsync(first, "A001", 3);
        await WriteAsync(second, "A002", 4);
        var crossing = Task.WhenAll(WriteAsync(first, "A002", 3), WriteAsync(second, "A001", 4));
        Assert.Same(crossing, await Task.WhenAny(crossing, Task.Delay(TimeSpan.FromSeconds(20))));
        await crossing;
        await first.CommitAsync(default);
        await second.CommitAsync(default);

        var sums = (await new ConsumptionRepository(first).SumsAsync([2024])).OrderBy(sum => sum.Code, StringComparer.Ordinal).ToArray();
        Assert.Equal([("A001", 2, 7.0), ("A002", 2, 7.0)], sums.Select(sum => (sum.Code, sum.MonthsReported, sum.Quantities.ElectricityKwh)));
        Assert.Equal(2, await new ConsumptionRepository(first).RefreshYearSumsAsync());
        Assert.Equal(sums, (await new ConsumptionRepository(first).SumsAsync([2024])).OrderBy(sum => sum.Code, StringComparer.Ordinal));
    }
}

/// <summary>SQL Server: no server runs here, so these are skipped unless ASSESSMENT_TEST_SQLSERVER is set.</summary>
public sealed class SqlServerRepositoryTests() : ServerRepositoryTests(Variable, "sqlserver:", "SQL Server")
{
    public const string Variable = "ASSESSMENT_TEST_SQLSERVER";
}

/// <summary>PostgreSQL: <c>.ci/run</c> starts one from Debian's packages on loopback and sets ASSESSMENT_TEST_POSTGRES.</summary>
public sealed class PostgreSqlRepositoryTests() : ServerRepositoryTests(Variable, "postgres:", "PostgreSQL")
{
    public const string Variable = "ASSESSMENT_TEST_POSTGRES";
}
