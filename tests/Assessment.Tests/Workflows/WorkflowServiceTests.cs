using Assessment.Data;
using Assessment.Demo;
using Assessment.Domain;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;
using Assessment.Workflows;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Assessment.Tests.Workflows;

/// <summary>
/// The workflow engine on the demo database (2025 opened and walked part of the way by the demo's users): who may fire
/// what, from where, with what; refusals change nothing; concurrent fires; the record of transitions.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class WorkflowServiceTests(DemoFixture demo) : IDisposable
{
    private const int Year = 2025;
    private readonly TempDatabase _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_demo_opened_an_instance_per_institution_and_county_and_walked_them_by_role()
    {
        Assert.Equal(demo.Result.Institutions + demo.Result.Counties, demo.Workflows.Instances);
        Assert.True(demo.Workflows.States.GetValueOrDefault("reviewed") > 0);
        Assert.True(demo.Workflows.States.GetValueOrDefault("county-review") > 0);
        Assert.True(demo.Workflows.States.GetValueOrDefault("self-assessment") > 0);

        var service = new WorkflowService(demo.Database, FixedClock.Default);
        var reviewed = await FirstAsync(demo.Database, WorkflowSubject.Institution, "reviewed");
        var (instance, _, transitions) = await service.HistoryAsync(reviewed.Id);

        Assert.Equal("reviewed", instance.State);
        Assert.Equal("targets-issued", transitions[0].From);
        Assert.Equal(["sign-letter", "start-reporting", "finish-reporting", "submit", "county-approve"], transitions.Take(5).Select(t => t.Trigger));
        Assert.Equal("bureau-accept", transitions[^1].Trigger);
        Assert.All(transitions.Zip(transitions.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        Assert.Equal(DemoWorkflows.InstitutionUser(instance.SubjectCode), transitions[0].Actor);
        Assert.Equal("county", transitions[4].Role);
        Assert.Equal(DemoWorkflows.Bureau, transitions[^1].Actor);
    }

    [Fact]
    public async Task Opening_a_year_again_creates_nothing()
    {
        var database = demo.CopyTo(_temp);

        var again = await new WorkflowService(database, FixedClock.Default).OpenYearAsync(Year, Repository.Workflows);

        Assert.Equal(0, again.Created);
        Assert.Equal(demo.Result.Institutions, again.Institutions);
        Assert.Equal(demo.Workflows.Instances, await database.CountAsync("SELECT COUNT(*) FROM workflow_instances"));
    }

    [Fact]
    public async Task A_year_without_targets_cannot_be_opened()
    {
        var database = demo.CopyTo(_temp);

        var error = await Assert.ThrowsAsync<WorkflowException>(() => new WorkflowService(database, FixedClock.Default).OpenYearAsync(2031, Repository.Workflows));

        Assert.Contains("2031", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string?, string> Refusals() => new()
    {
        // state, trigger, user (c/i + code of the subject or its county, or a fixed user), comment, what the message names
        { "county-review", "county-approve", "institution-self", null, "county-approve" },   // the role may not
        { "county-review", "sign-letter", "institution-self", null, "sign-letter" },         // not from this state
        { "county-review", "county-approve", "county-other", null, "subject" },               // another county's unit
        { "county-review", "county-return", "county-own", null, "county-return" },            // a return needs a reason
        { "county-review", "no-such-trigger", "county-own", null, "no-such-trigger" },        // unknown trigger
        { "county-review", "county-approve", "nobody", null, "nobody" },                      // unknown user
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_fire_that_is_not_permitted_is_refused_and_changes_nothing(string state, string trigger, string who, string? comment, string named)
    {
        var database = demo.CopyTo(_temp);
        var instance = await FirstAsync(database, WorkflowSubject.Institution, state);
        var county = await CountyOfAsync(database, instance.SubjectCode);
        var user = who switch
        {
            "institution-self" => DemoWorkflows.InstitutionUser(instance.SubjectCode),
            "county-own" => DemoWorkflows.CountyUser(county),
            "county-other" => DemoWorkflows.CountyUser(county == "652301" ? "652302" : "652301"),
            _ => who,
        };
        var before = await database.CountAsync("SELECT COUNT(*) FROM workflow_transitions");

        var error = await Assert.ThrowsAsync<WorkflowException>(() =>
            new WorkflowService(database, FixedClock.Default).FireAsync(instance.Id, trigger, user, comment));

        Assert.Contains(named == "subject" ? instance.SubjectCode : named, error.Message, StringComparison.Ordinal);
        var after = await GetAsync(database, instance.Id);
        Assert.Equal((instance.State, instance.RowVersion), (after.State, after.RowVersion));
        Assert.Equal(before, await database.CountAsync("SELECT COUNT(*) FROM workflow_transitions"));
    }

    [Fact]
    public async Task A_guard_naming_the_data_quality_rules_refuses_a_submission_with_months_missing()
    {
        var database = demo.CopyTo(_temp);
        var instance = await FirstAsync(database, WorkflowSubject.Institution, "self-assessment");
        await using (var session = await database.OpenAsync())
        {
            await session.Connection.ExecuteAsync("DELETE FROM consumption WHERE code = @code AND year = @Year AND month = 12", new { code = instance.SubjectCode, Year });
        }

        var service = new WorkflowService(database, FixedClock.Default);
        var error = await Assert.ThrowsAsync<WorkflowException>(() =>
            service.FireAsync(instance.Id, "submit", DemoWorkflows.InstitutionUser(instance.SubjectCode), null));

        Assert.Contains("submit", error.Message, StringComparison.Ordinal);
        Assert.Contains("12", error.Message, StringComparison.Ordinal); // fewer than 12 months reported
        Assert.Equal("self-assessment", (await GetAsync(database, instance.Id)).State);

        // Once the month is reported again, the same submission goes through.
        await using (var session = await database.OpenAsync())
        {
            var november = (await new ConsumptionRepository(session).ListYearAsync(Year)).Single(row => row.Code == instance.SubjectCode && row.Month == 11);
            await new ConsumptionRepository(session).InsertManyAsync([november with { Month = 12 }]);
        }

        var transition = await service.FireAsync(instance.Id, "submit", DemoWorkflows.InstitutionUser(instance.SubjectCode), null);
        Assert.Equal(("self-assessment", "county-review"), (transition.From, transition.To));
    }

    [Fact]
    public async Task A_return_with_its_reason_goes_back_and_is_recorded_with_the_actor_and_role()
    {
        var database = demo.CopyTo(_temp);
        var instance = await FirstAsync(database, WorkflowSubject.Institution, "county-review");
        var user = DemoWorkflows.CountyUser(await CountyOfAsync(database, instance.SubjectCode));

        var transition = await new WorkflowService(database, FixedClock.Default).FireAsync(instance.Id, "county-return", user, "请补充 12 月票据");

        var (after, _, history) = await new WorkflowService(database, FixedClock.Default).HistoryAsync(instance.Id);
        Assert.Equal("self-assessment", after.State);
        Assert.Equal(instance.RowVersion + 1, after.RowVersion);
        Assert.Equal(transition, history[^1]);
        Assert.Equal((user, "county", "county-return", "county-review", "self-assessment", "请补充 12 月票据"),
            (transition.Actor, transition.Role, transition.Trigger, transition.From, transition.To, transition.Comment));
        Assert.Equal(FixedClock.Default.GetUtcNow().UtcDateTime, transition.At);
    }

    [Fact]
    public async Task Of_two_changes_made_from_the_same_reading_the_second_is_a_conflict_and_changes_nothing()
    {
        var database = demo.CopyTo(_temp);
        var read = await FirstAsync(database, WorkflowSubject.Institution, "county-review");
        await using (var first = await database.OpenAsync())
        {
            await new WorkflowRepository(first).TransitionAsync(read, "bureau-review", "county-approve", "c1", "county", null, DateTime.UtcNow);
        }

        await using (var second = await database.OpenAsync())
        {
            await Assert.ThrowsAsync<WorkflowConflictException>(() =>
                new WorkflowRepository(second).TransitionAsync(read, "self-assessment", "county-return", "c2", "county", "x", DateTime.UtcNow));
        }

        var after = await GetAsync(database, read.Id);
        Assert.Equal(("bureau-review", read.RowVersion + 1), (after.State, after.RowVersion));
        Assert.Equal(1, await database.CountAsync($"SELECT COUNT(*) FROM workflow_transitions WHERE instance_id = {read.Id} AND at > '2026-04-01'"));
    }

    [Fact]
    public async Task Of_concurrent_fires_on_one_instance_exactly_one_wins()
    {
        var database = demo.CopyTo(_temp);
        var instance = await FirstAsync(database, WorkflowSubject.Institution, "county-review");
        var user = DemoWorkflows.CountyUser(await CountyOfAsync(database, instance.SubjectCode));
        var before = await database.CountAsync("SELECT COUNT(*) FROM workflow_transitions");

        // Separate services (as separate requests would be), each on its own connection, started together.
        var fires = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await new WorkflowService(database, FixedClock.Default).FireAsync(instance.Id, "county-approve", user, null);
                return "won";
            }
            catch (WorkflowConflictException)
            {
                return "conflict";
            }
            catch (WorkflowException)
            {
                return "already moved"; // read after the winner committed: no longer in county review
            }
        })).ToArray();
        var outcomes = await Task.WhenAll(fires);

        Assert.Single(outcomes, outcome => outcome == "won");
        Assert.Equal(before + 1, await database.CountAsync("SELECT COUNT(*) FROM workflow_transitions"));
        Assert.Equal("bureau-review", (await GetAsync(database, instance.Id)).State);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_a_recorded_transition()
    {
        var database = demo.CopyTo(_temp);
        await using var session = await database.OpenAsync();

        var update = await Assert.ThrowsAsync<SqliteException>(() => session.Connection.ExecuteAsync("UPDATE workflow_transitions SET comment = 'edited'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => session.Connection.ExecuteAsync("DELETE FROM workflow_transitions WHERE id = 1"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM workflow_transitions WHERE comment = 'edited'"));
    }

    [Fact]
    public async Task A_batch_moves_what_may_move_and_refuses_the_rest_with_reasons()
    {
        var database = demo.CopyTo(_temp);
        var reviewed = await FirstAsync(database, WorkflowSubject.Institution, "reviewed");
        var waiting = await FirstAsync(database, WorkflowSubject.Institution, "county-review");

        var batch = await new WorkflowService(database, FixedClock.Default).FireManyAsync([reviewed.Id, waiting.Id], "score", User.System.Username, null);

        Assert.Equal(reviewed.Id, Assert.Single(batch.Fired).InstanceId);
        Assert.Equal(waiting.Id, Assert.Single(batch.Refused).Request.InstanceId);
        Assert.Equal("scored", (await GetAsync(database, reviewed.Id)).State);
        Assert.Equal("county-review", (await GetAsync(database, waiting.Id)).State);
    }

    [Fact]
    public async Task A_county_may_submit_only_when_all_its_institutions_have_reached_the_bureau()
    {
        var database = demo.CopyTo(_temp);
        var county = await FirstAsync(database, WorkflowSubject.County, "aggregation");
        var service = new WorkflowService(database, FixedClock.Default);
        var user = DemoWorkflows.CountyUser(county.SubjectCode);

        var error = await Assert.ThrowsAsync<WorkflowException>(() => service.FireAsync(county.Id, "submit", user, null));
        Assert.Contains("submit", error.Message, StringComparison.Ordinal);

        // Move every institution of the county on to the bureau (or past it); then the county may submit.
        var behind = (await ListAsync(database)).Where(i => i.Subject == WorkflowSubject.Institution && InCounty(i.SubjectCode, county.SubjectCode)).ToArray();
        foreach (var (state, trigger, actor) in new[]
                 {
                     ("self-assessment", "submit", "institution"), ("county-review", "county-approve", "county"),
                 })
        {
            var ids = (await ListAsync(database)).Where(i => i.State == state && behind.Any(b => b.Id == i.Id)).ToArray();
            await service.FireManyAsync(ids.Select(i => new WorkflowService.FireRequest(i.Id, trigger,
                actor == "county" ? user : DemoWorkflows.InstitutionUser(i.SubjectCode))).ToArray());
        }

        var transition = await service.FireAsync(county.Id, "submit", user, null);
        Assert.Equal("bureau-review", transition.To);
    }

    [Fact]
    public async Task The_inbox_shows_a_user_what_their_role_may_do_in_their_scope()
    {
        var service = new WorkflowService(demo.Database, FixedClock.Default);
        var waiting = await FirstAsync(demo.Database, WorkflowSubject.Institution, "county-review");
        var county = await CountyOfAsync(demo.Database, waiting.SubjectCode);

        var countyInbox = await service.InboxAsync(new User("x", "x", UserRole.County, county), Year);
        var institutionInbox = await service.InboxAsync(new User("y", "y", UserRole.Institution, waiting.SubjectCode), Year);
        var bureauInbox = await service.InboxAsync(new User("z", "z", UserRole.Bureau, null), Year);

        Assert.Contains(countyInbox, item => item.Instance.Id == waiting.Id && item.Triggers.Any(t => t.Id == "county-approve"));
        Assert.All(countyInbox, item => Assert.True(item.Instance.SubjectCode == county || InCounty(item.Instance.SubjectCode, county)));
        Assert.Empty(institutionInbox); // waiting for the county, not for the institution
        Assert.Contains(bureauInbox, item => item.Instance.State == "bureau-review");
        Assert.DoesNotContain(bureauInbox, item => item.Instance.State == "county-review");
    }

    private static bool InCounty(string institutionCode, string countyCode) => institutionCode.StartsWith(countyCode, StringComparison.Ordinal);

    private static async Task<IReadOnlyList<WorkflowInstance>> ListAsync(Database database)
    {
        await using var session = await database.OpenAsync();
        return await new WorkflowRepository(session).ListAsync(Year);
    }

    private static async Task<WorkflowInstance> FirstAsync(Database database, WorkflowSubject subject, string state) =>
        (await ListAsync(database)).First(instance => instance.Subject == subject && instance.State == state);

    private static async Task<WorkflowInstance> GetAsync(Database database, long id)
    {
        await using var session = await database.OpenAsync();
        return (await new WorkflowRepository(session).GetAsync(id))!;
    }

    private static async Task<string> CountyOfAsync(Database database, string code)
    {
        await using var session = await database.OpenAsync();
        return await session.Connection.QuerySingleAsync<string>("SELECT county_code FROM institutions WHERE code = @code", new { code });
    }

}
