using Assessment.Data;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;
using Assessment.Workflows;
using Dapper;

namespace Assessment.Tests.Cli;

/// <summary>The workflow, schedule and jobs commands on a copy of the demo database, as a user types them.</summary>
[Collection(DemoCollection.Name)]
public sealed class WorkflowCliTests(DemoFixture demo) : IDisposable
{
    private readonly TempDatabase _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_county_user_finds_its_inbox_fires_a_return_and_sees_it_in_the_history()
    {
        demo.CopyTo(_temp);
        var instance = await FirstAsync("county-review");
        var county = instance.SubjectCode[..6];

        var inbox = await Cli.RunAsync("workflow", "inbox", "--as", $"c{county}", "--year", "2025", "--db", _temp.Path);
        var refused = await Cli.RunAsync("workflow", "fire", "--instance", $"{instance.Id}", "--trigger", "county-return", "--as", $"c{county}", "--db", _temp.Path);
        var fired = await Cli.RunAsync("workflow", "fire", "--instance", $"{instance.Id}", "--trigger", "county-return", "--as", $"c{county}",
            "--comment", "请补充票据", "--db", _temp.Path);
        var history = await Cli.RunAsync("workflow", "history", "--instance", $"{instance.Id}", "--db", _temp.Path);

        Assert.Equal(0, inbox.ExitCode);
        Assert.Contains(instance.SubjectCode, inbox.Output);
        Assert.Contains("county-approve", inbox.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("county-return", refused.Error);
        Assert.Equal(0, fired.ExitCode);
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("请补充票据", history.Output);
        Assert.Contains($"c{county}", history.Output);
    }

    [Fact]
    public async Task The_diagram_of_a_definition_and_of_an_instance_are_mermaid()
    {
        var instance = await FirstAsync("county-review", demo.Database);

        var definition = await Cli.RunAsync("workflow", "diagram", "institution-annual-assessment");
        var current = await Cli.RunAsync("workflow", "diagram", "--instance", $"{instance.Id}", "--db", demo.Path);
        var unknown = await Cli.RunAsync("workflow", "diagram", "no-such-workflow");

        Assert.Equal(0, definition.ExitCode);
        Assert.StartsWith("stateDiagram-v2", definition.Output);
        Assert.Contains("县市审核中", definition.Output);
        Assert.Contains("class countyreview current", current.Output);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no-such-workflow", unknown.Error);
    }

    [Fact]
    public async Task Jobs_run_once_per_period_and_their_records_notifications_and_publication_can_be_read()
    {
        demo.CopyTo(_temp);

        var publication = await Cli.RunAsync("jobs", "run", "quarterly-publication", "--period", "2025-Q4", "--db", _temp.Path);
        var again = await Cli.RunAsync("jobs", "run", "quarterly-publication", "--period", "2025-Q4", "--db", _temp.Path);
        var escalation = await Cli.RunAsync("jobs", "run", "deadline-escalation", "--period", "2026-03-20", "--db", _temp.Path);
        var list = await Cli.RunAsync("jobs", "list", "--db", _temp.Path);
        var shown = await Cli.RunAsync("jobs", "publication", "--db", _temp.Path);
        var json = await Cli.RunAsync("jobs", "publication", "--period", "2025-Q4", "--json", "--db", _temp.Path);
        var forBureau = await Cli.RunAsync("jobs", "notifications", "--for", "bureau", "--db", _temp.Path);
        var badPeriod = await Cli.RunAsync("jobs", "run", "quarterly-publication", "--period", "2025-Q9", "--db", _temp.Path);
        var badJob = await Cli.RunAsync("jobs", "run", "no-such-job", "--db", _temp.Path);

        Assert.Equal(0, publication.ExitCode);
        Assert.Contains("172", publication.Output); // the prefecture-direct units
        Assert.Contains("此前已完成", again.Output);
        Assert.Equal(0, escalation.ExitCode);
        Assert.Contains("quarterly-publication", list.Output);
        Assert.Contains("deadline-escalation", list.Output);
        Assert.Contains("州直单位能耗公示 2025-Q4", shown.Output);
        Assert.Contains("\"period\": \"2025-Q4\"", json.Output);
        Assert.Contains("bureau", forBureau.Output);
        Assert.DoesNotContain("institution:", forBureau.Output);
        Assert.Equal(1, badPeriod.ExitCode);
        Assert.Contains("2025-Q9", badPeriod.Error);
        Assert.NotEqual(0, badJob.ExitCode);
        Assert.Contains("no-such-job", badJob.Error);
    }

    [Fact]
    public async Task A_schedule_is_changed_in_the_database_and_a_bad_cron_is_refused()
    {
        demo.CopyTo(_temp);

        var set = await Cli.RunAsync("schedule", "set", "reporting-reminders", "--cron", "30 8 3 * *", "--db", _temp.Path);
        var disable = await Cli.RunAsync("schedule", "set", "deadline-escalation", "--enabled", "false", "--db", _temp.Path);
        var bad = await Cli.RunAsync("schedule", "set", "annual-assessment", "--cron", "every night", "--db", _temp.Path);
        var list = await Cli.RunAsync("schedule", "list", "--db", _temp.Path);

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(0, disable.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("every night", bad.Error);
        Assert.Contains("30 8 3 * *", list.Output);
        Assert.Contains("0 2 * * * （默认）", list.Output);
        await using var session = await _temp.Database.OpenAsync();
        Assert.Equal(["deadline-escalation/0", "reporting-reminders/1"],
            await session.Connection.QueryAsync<string>("SELECT job_id || '/' || enabled FROM job_schedules ORDER BY job_id"));
    }

    [Fact]
    public async Task The_worker_runs_a_job_enqueued_from_the_command_line_on_the_file_store()
    {
        demo.CopyTo(_temp);

        var enqueued = await Cli.RunAsync("jobs", "enqueue", "quarterly-publication", "--period", "2025-Q3", "--db", _temp.Path);
        var worker = await Cli.RunAsync("worker", "--for", "6", "--db", _temp.Path);
        var memory = await Cli.RunAsync("jobs", "enqueue", "quarterly-publication", "--store", "memory", "--db", _temp.Path);

        Assert.Equal(0, enqueued.ExitCode);
        Assert.Contains("assessment.jobs.db", enqueued.Output);
        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("2025-Q3", worker.Output);
        Assert.Contains("reporting-reminders", worker.Output); // the schedules it registered
        Assert.Equal(1, memory.ExitCode);
        await using var session = await _temp.Database.OpenAsync();
        Assert.Equal(1, await session.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM publications WHERE period = '2025-Q3'"));
    }

    [Fact]
    public async Task Users_keep_their_name_when_added_again_and_reserved_or_empty_names_are_refused()
    {
        demo.CopyTo(_temp);

        var first = await Cli.RunAsync("users", "add", "zhang", "--role", "county", "--scope", "652301", "--name", "张三", "--db", _temp.Path);
        var again = await Cli.RunAsync("users", "add", "zhang", "--role", "county", "--scope", "652302", "--db", _temp.Path);
        var system = await Cli.RunAsync("users", "add", "system", "--role", "bureau", "--db", _temp.Path);
        var empty = await Cli.RunAsync("users", "add", "", "--role", "bureau", "--db", _temp.Path);
        var list = await Cli.RunAsync("users", "list", "--db", _temp.Path);

        Assert.Equal((0, 0, 1, 1), (first.ExitCode, again.ExitCode, system.ExitCode, empty.ExitCode));
        Assert.Contains("张三", list.Output);
        Assert.Contains("652302", list.Output);
        Assert.Contains("system", system.Error);
    }

    [Fact]
    public async Task A_password_is_set_for_a_user_and_checked_at_sign_in()
    {
        demo.CopyTo(_temp);

        var tooShort = await Cli.RunAsync("users", "password", "c652301", "--password", "short", "--db", _temp.Path);
        var unknown = await Cli.RunAsync("users", "password", "nobody", "--password", "long enough 1", "--db", _temp.Path);
        var set = await Cli.RunAsync("users", "password", "c652301", "--password", "长城 2026 password", "--db", _temp.Path);

        Assert.Equal((1, 1, 0), (tooShort.ExitCode, unknown.ExitCode, set.ExitCode));
        var accounts = new Assessment.Accounts.AccountService(_temp.Database, FixedClock.Default);
        Assert.True((await accounts.SignInAsync("c652301", "长城 2026 password")).Succeeded);
        Assert.False((await accounts.SignInAsync("c652301", Assessment.Demo.DemoWorkflows.DemoPassword)).Succeeded);
    }

    [Fact]
    public async Task The_inbox_refuses_options_that_contradict_or_name_nothing()
    {
        var both = await Cli.RunAsync("workflow", "inbox", "--as", "c652324", "--role", "bureau", "--db", demo.Path);
        var noScope = await Cli.RunAsync("workflow", "inbox", "--role", "county", "--db", demo.Path);
        var unknownScope = await Cli.RunAsync("workflow", "inbox", "--role", "county", "--scope", "999999", "--db", demo.Path);
        var bureauScope = await Cli.RunAsync("workflow", "inbox", "--role", "bureau", "--scope", "652324", "--db", demo.Path);
        var county = await Cli.RunAsync("workflow", "inbox", "--role", "county", "--scope", "652324", "--year", "2025", "--db", demo.Path);

        Assert.Equal((1, 1, 1, 1, 0), (both.ExitCode, noScope.ExitCode, unknownScope.ExitCode, bureauScope.ExitCode, county.ExitCode));
        Assert.Contains("999999", unknownScope.Error);
        Assert.Contains("逾期", county.Output); // the county's reviews were due 15 March 2026
    }

    [Fact]
    public async Task Status_lists_the_states_in_workflow_order_with_each_county_own_state()
    {
        var status = await Cli.RunAsync("workflow", "status", "--year", "2025", "--db", demo.Path);
        var unopened = await Cli.RunAsync("workflow", "status", "--year", "2024", "--db", demo.Path);

        Assert.Equal(0, status.ExitCode);
        var header = status.Output.Split('\n').First(line => line.Contains("县市流程", StringComparison.Ordinal));
        Assert.True(header.IndexOf("自评中", StringComparison.Ordinal) < header.IndexOf("县市审核中", StringComparison.Ordinal));
        Assert.True(header.IndexOf("县市审核中", StringComparison.Ordinal) < header.IndexOf("审核通过", StringComparison.Ordinal));
        Assert.Contains("汇总所辖单位中", status.Output);
        Assert.Equal(1, unopened.ExitCode);
        Assert.Contains("workflow open --year 2024", unopened.Error);
    }

    private Task<WorkflowInstance> FirstAsync(string state) => FirstAsync(state, _temp.Database);

    private static async Task<WorkflowInstance> FirstAsync(string state, Database database)
    {
        await using var session = await database.OpenAsync();
        return (await new WorkflowRepository(session).ListAsync(2025)).First(instance => instance.Subject == WorkflowSubject.Institution && instance.State == state);
    }
}
