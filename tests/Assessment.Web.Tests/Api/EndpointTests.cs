using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessment.Web.Tests.Support;

namespace Assessment.Web.Tests.Api;

/// <summary>Each API area's endpoints over HTTP: what they answer, and that bad input is refused with a problem that says why.</summary>
[Collection(DemoCollection.Name)]
public sealed class EndpointTests(DemoDatabase demo) : HostTest(demo)
{

    [Fact]
    public async Task Rules_are_listed_read_checked_simulated_and_published_by_the_bureau()
    {
        using var bureau = await Host.SignInAsync("bureau");

        var versions = await bureau.GetJsonAsync<JsonElement[]>("/api/rules/");
        var text = await (await bureau.GetAsync("/api/rules/grading/text")).Content.ReadAsStringAsync();
        var good = await ReadAsync(await bureau.PostJsonAsync("/api/rules/validate", new { text }));
        var broken = await ReadAsync(await bureau.PostJsonAsync("/api/rules/validate", new { text = text.Replace("\"kind\"", "\"kindd\"", StringComparison.Ordinal) }));
        var simulated = await bureau.PostJsonAsync("/api/rules/simulate?year=2025", new { text });
        var refused = await bureau.PostJsonAsync("/api/rules/publish", new { text = "{ not json" });
        var published = await ReadAsync(await bureau.PostJsonAsync("/api/rules/publish", new { text }));
        var missing = await bureau.GetAsync("/api/rules/no-such-set/text");

        Assert.Equal(10, versions.Length);
        Assert.True(good.GetProperty("passed").GetBoolean());
        Assert.False(broken.GetProperty("passed").GetBoolean());
        Assert.Contains("kindd", broken.GetProperty("problems").ToString());
        Assert.Equal(HttpStatusCode.OK, simulated.StatusCode);
        var simulation = await ReadAsync(simulated);
        Assert.Equal(0, simulation.GetProperty("gradeChanges").GetInt32()); // the set in force, unchanged
        Assert.Equal(941, simulation.GetProperty("subjects").GetInt32());
        Assert.True(simulation.TryGetProperty("dataLoadedAt", out _)); // when the year simulated on was read (kept while the data stays the same)
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(published.GetProperty("new").GetBoolean()); // the same text is already a version
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Schedules_runs_enqueueing_and_publications_are_the_bureau_s()
    {
        using var bureau = await Host.SignInAsync("bureau");

        var schedules = await bureau.GetJsonAsync<JsonElement[]>("/api/jobs/schedules");
        var changed = await bureau.PutJsonAsync("/api/jobs/schedules/reporting-reminders", new { cron = "30 8 3 * *", enabled = true });
        var badCron = await bureau.PutJsonAsync("/api/jobs/schedules/reporting-reminders", new { cron = "every day", enabled = true });
        var unknownJob = await bureau.PutJsonAsync("/api/jobs/schedules/no-such-job", new { cron = "0 1 * * *" });
        var enqueued = await bureau.PostJsonAsync("/api/jobs/quarterly-publication/enqueue?period=2025-Q4", new { });
        var notEnded = await bureau.PostJsonAsync("/api/jobs/quarterly-publication/enqueue?period=2026-Q2", new { });
        var runs = await bureau.GetAsync("/api/jobs/runs");
        var noPublication = await bureau.GetAsync("/api/jobs/publications/2025-Q4");
        var badPeriod = await bureau.GetAsync("/api/jobs/publications/2025-13");

        Assert.Equal(4, schedules.Length);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("30 8 3 * *", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        Assert.Contains("every day", await badCron.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, enqueued.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notEnded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noPublication.StatusCode); // queued, but no job server runs in the tests
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
    }

    [Fact]
    public async Task Results_are_ranked_filtered_exported_and_explained()
    {
        using var leader = await Host.SignInAsync("leader");
        using var institution = await Host.SignInAsync("i6523240009");

        var counties = await leader.GetJsonAsync<JsonElement[]>("/api/results/2025?level=county");
        var schools = await leader.GetJsonAsync<JsonElement[]>("/api/results/2025?category=education");
        var csv = await leader.GetAsync("/api/results/2025/export?format=csv&county=652324");
        var xlsx = await leader.GetAsync("/api/results/2025/export?format=xlsx");
        var badCategory = await leader.GetAsync("/api/results/2025?category=zoo");
        var noYear = await leader.GetAsync("/api/results/1999");
        var own = await institution.GetJsonAsync<JsonElement>("/api/results/2025/explain/6523240009");

        Assert.Equal(8, counties.Length);
        Assert.All(schools, school => Assert.Equal("education", school.GetProperty("category").GetString()));
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("rank,rankInCategory,rankInCounty,code", System.Text.Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noYear.StatusCode);
        Assert.Equal("6523240009", own.GetProperty("stored").GetProperty("code").GetString());
        Assert.NotEmpty(own.GetProperty("traces").EnumerateArray());
    }

    [Fact]
    public async Task A_month_is_entered_by_its_institution_and_bad_values_change_nothing()
    {
        using var institution = await Host.SignInAsync("i6523240009");
        var quantities = new { electricityKwh = 1500.5, waterM3 = 40, naturalGasM3 = 0, coalT = 0, heatGj = 0, lpgKg = 0, dieselL = 0, vehicleGasolineL = 0,
            vehicleDieselL = 0, pvKwh = 0, otherKgce = 0 };

        var stored = await institution.PutJsonAsync("/api/data/consumption/6523240009/2026/2", quantities);
        var negative = await institution.PutJsonAsync("/api/data/consumption/6523240009/2026/3", quantities with { waterM3 = -1 } );
        var month13 = await institution.PutJsonAsync("/api/data/consumption/6523240009/2026/13", quantities);
        var other = await institution.PutJsonAsync("/api/data/consumption/6523240001/2026/2", quantities);
        var months = await institution.GetJsonAsync<JsonElement[]>("/api/data/consumption/6523240009/2026");

        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("water_m3", await negative.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, month13.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var month = Assert.Single(months);
        Assert.Equal(1500.5, month.GetProperty("quantities").GetProperty("electricityKwh").GetDouble());
    }

    [Fact]
    public async Task The_bureau_sees_the_year_per_county_and_others_may_not()
    {
        using var bureau = await Host.SignInAsync("bureau");
        using var county = await Host.SignInAsync("c652324");

        var status = await bureau.GetJsonAsync<JsonElement>("/api/workflows/status/2025");
        var opened = await ReadAsync(await bureau.PostJsonAsync("/api/workflows/open/2025", new { }));
        var countyStatus = await county.GetAsync("/api/workflows/status/2025");
        var unknown = await bureau.PostJsonAsync("/api/workflows/instances/999999/fire", new { trigger = "submit" });

        Assert.Equal(8, status.GetProperty("counties").GetArrayLength());
        Assert.Equal(0, opened.GetProperty("created").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, countyStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(TestHost.Json);
}
