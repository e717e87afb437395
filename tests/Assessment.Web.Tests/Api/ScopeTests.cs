using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Assessment.Data;
using Assessment.Web.Tests.Support;
using Assessment.Workflows;

namespace Assessment.Web.Tests.Api;

/// <summary>Every endpoint checks the role and the scope on the server: what each role may and may not read and change.</summary>
[Collection(DemoCollection.Name)]
public sealed class ScopeTests(DemoDatabase demo) : HostTest(demo)
{

    [Fact]
    public async Task A_county_cannot_read_or_act_on_another_county_institution()
    {
        using var county = await Host.SignInAsync("c652324");
        var other = await InstanceAsync(instance => instance.SubjectCode.StartsWith("652325", StringComparison.Ordinal) && instance.State == "county-review");
        var own = await InstanceAsync(instance => instance.SubjectCode.StartsWith("652324", StringComparison.Ordinal) && instance.State == "county-review");

        var read = await county.GetAsync($"/api/workflows/instances/{other.Id}");
        var fire = await county.PostJsonAsync($"/api/workflows/instances/{other.Id}/fire", new { trigger = "county-approve" });
        var explain = await county.GetAsync($"/api/results/2025/explain/{other.SubjectCode}");
        var data = await county.GetAsync($"/api/data/consumption/{other.SubjectCode}/2025");
        var ranking = await county.GetAsync("/api/results/2025?county=652325");
        var ownRead = await county.GetAsync($"/api/workflows/instances/{own.Id}");

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK],
            new[] { read.StatusCode, fire.StatusCode, explain.StatusCode, data.StatusCode, ranking.StatusCode, ownRead.StatusCode });
        Assert.Equal("county-review", (await InstanceAsync(instance => instance.Id == other.Id)).State);
    }

    [Fact]
    public async Task An_institution_cannot_approve_anything_nor_reach_the_bureau_areas()
    {
        using var institution = await Host.SignInAsync("i6523240009");
        var own = await InstanceAsync(instance => instance.SubjectCode == "6523240009");

        var approve = await institution.PostJsonAsync($"/api/workflows/instances/{own.Id}/fire", new { trigger = "county-approve" });
        var rules = await institution.GetAsync("/api/rules/");
        var jobs = await institution.GetAsync("/api/jobs/schedules");
        var ranking = await institution.GetAsync("/api/results/2025");
        var bureauPage = await institution.GetAsync("/bureau");

        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode); // the engine refuses: its role may not approve
        Assert.Contains("county-approve", await approve.Content.ReadAsStringAsync());
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { rules.StatusCode, jobs.StatusCode, ranking.StatusCode });
        Assert.Equal(HttpStatusCode.Redirect, bureauPage.StatusCode);
        Assert.StartsWith("/denied", bureauPage.Headers.Location!.PathAndQuery);
        Assert.Equal("self-assessment", (await InstanceAsync(instance => instance.Id == own.Id)).State);
    }

    [Fact]
    public async Task A_leader_reads_results_but_changes_nothing()
    {
        using var leader = await Host.SignInAsync("leader");

        var results = await leader.GetJsonAsync<JsonElement[]>("/api/results/2025");
        var inbox = await leader.GetAsync("/api/workflows/inbox");
        var publish = await leader.PostJsonAsync("/api/rules/publish", new { text = "{}" });

        Assert.Equal(941, results.Length);
        Assert.Equal(HttpStatusCode.Forbidden, inbox.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
    }

    [Fact]
    public async Task An_institution_submits_and_its_county_approves_over_the_api()
    {
        using var institution = await Host.SignInAsync("i6523240009");
        using var county = await Host.SignInAsync("c652324");
        var own = await InstanceAsync(instance => instance.SubjectCode == "6523240009");

        var inbox = await institution.GetJsonAsync<JsonElement[]>("/api/workflows/inbox?year=2025");
        var submitted = await institution.PostJsonAsync($"/api/workflows/instances/{own.Id}/fire", new { trigger = "submit" });
        var countyInbox = await county.GetJsonAsync<JsonElement[]>("/api/workflows/inbox?year=2025");
        var returnWithoutReason = await county.PostJsonAsync($"/api/workflows/instances/{own.Id}/fire", new { trigger = "county-return" });
        var approved = await county.PostJsonAsync($"/api/workflows/instances/{own.Id}/fire", new { trigger = "county-approve" });
        var again = await county.PostJsonAsync($"/api/workflows/instances/{own.Id}/fire", new { trigger = "county-approve" });
        var view = await county.GetJsonAsync<JsonElement>($"/api/workflows/instances/{own.Id}");

        Assert.Contains(inbox, item => item.GetProperty("id").GetInt64() == own.Id
                                       && item.GetProperty("steps").EnumerateArray().Any(step => step.GetProperty("trigger").GetString() == "submit"));
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        Assert.Contains(countyInbox, item => item.GetProperty("id").GetInt64() == own.Id);
        Assert.Equal(HttpStatusCode.BadRequest, returnWithoutReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var transitions = view.GetProperty("transitions").EnumerateArray().ToArray();
        Assert.Equal(("submit", "i6523240009"), (transitions[^2].GetProperty("trigger").GetString(), transitions[^2].GetProperty("actor").GetString()));
        Assert.Equal(("county-approve", "c652324"), (transitions[^1].GetProperty("trigger").GetString(), transitions[^1].GetProperty("actor").GetString()));
        Assert.Contains("class bureaureview current", view.GetProperty("diagram").GetString());
    }

    [Fact]
    public async Task Uploads_of_the_wrong_type_size_or_content_are_refused_and_change_nothing()
    {
        using var institution = await Host.SignInAsync("i6523240009");
        var header = "code,year,month," + string.Join(",", Domain.ConsumptionFields.All.Select(field => field.Name)) + "\n";
        string Row(string code, string month, string electricity) => $"{code},2026,{month},{electricity},30,0,0,0,0,0,0,0,0,0\n";
        var before = await ConsumptionCountAsync();

        var wrongType = await institution.PostFileAsync("/api/data/import/consumption", "data.exe", Encoding.UTF8.GetBytes(header));
        var empty = await institution.PostFileAsync("/api/data/import/consumption", "empty.csv", []);
        var tooLarge = await institution.PostFileAsync("/api/data/import/consumption", "big.csv", new byte[11 * 1024 * 1024]);
        var malformed = await institution.PostFileAsync("/api/data/import/consumption", "bad.csv",
            Encoding.UTF8.GetBytes(header + Row("6523240009", "13", "abc") + Row("6523240009", "1", "100")));
        var otherInstitution = await institution.PostFileAsync("/api/data/import/consumption", "other.csv",
            Encoding.UTF8.GetBytes(header + Row("6523240001", "1", "100")));
        var notAllowed = await institution.PostFileAsync("/api/data/import/quotas", "quotas.csv", Encoding.UTF8.GetBytes("x\n"));
        var good = await institution.PostFileAsync("/api/data/import/consumption", "good.csv", Encoding.UTF8.GetBytes(header + Row("6523240009", "1", "1200")));

        foreach (var refused in new[] { wrongType, empty, malformed, otherInstitution, notAllowed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("big.csv", await tooLarge.Content.ReadAsStringAsync());
        var errors = (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Contains(errors, error => error.StartsWith("bad.csv:2", StringComparison.Ordinal) && error.Contains("month", StringComparison.Ordinal));
        Assert.Contains("6523240009", await otherInstitution.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(before + 1, await ConsumptionCountAsync());
    }

    private async Task<WorkflowInstance> InstanceAsync(Func<WorkflowInstance, bool> which)
    {
        await using var session = await new Database(DatabaseTarget.Sqlite(Host.DatabasePath)).OpenAsync();
        return (await new WorkflowRepository(session).ListAsync(2025)).First(which);
    }

    private async Task<long> ConsumptionCountAsync()
    {
        await using var session = await new Database(DatabaseTarget.Sqlite(Host.DatabasePath)).OpenAsync();
        await using var command = session.Connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM consumption";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
