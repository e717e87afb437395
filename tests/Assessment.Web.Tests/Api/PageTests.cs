using System.Net;
using System.Text;
using Assessment.Web.Tests.Support;

namespace Assessment.Web.Tests.Api;

/// <summary>What pages answer when something is wrong: a page that says so (never JSON), and redirects that stay on this site.</summary>
[Collection(DemoCollection.Name)]
public sealed class PageTests(DemoDatabase demo) : HostTest(demo)
{

    [Theory]
    [InlineData("leader", "/hangfire", "/denied")]
    [InlineData(null, "/hangfire", "/login")]
    [InlineData("c652324", "/bureau", "/denied")]
    public async Task The_dashboard_and_other_roles_pages_send_a_user_to_sign_in_or_say_no(string? user, string path, string to)
    {
        using var client = user is null ? Host.Anonymous() : await Host.SignInAsync(user);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(to, response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_bureau_opens_the_dashboard()
    {
        using var bureau = await Host.SignInAsync("bureau");

        var response = await bureau.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hangfire", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_out_of_scope_or_missing_is_a_page_saying_so()
    {
        using var county = await Host.SignInAsync("c652324");

        var outOfScope = await county.GetAsync("/results/2025/6523250001");
        var missing = await county.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.Redirect, outOfScope.StatusCode); // another county's institution: "not allowed"
        Assert.StartsWith("/denied", outOfScope.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("text/html", missing.Content.Headers.ContentType!.MediaType);
        Assert.Contains("页面不存在", await missing.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task The_language_switch_only_returns_to_a_page_of_this_site(string back)
    {
        using var client = Host.Anonymous();

        var response = await client.GetAsync($"/lang/en?back={back}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_request_body_missing_what_it_needs_is_refused()
    {
        using var bureau = await Host.SignInAsync("bureau");

        var response = await bureau.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/rules/validate")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        }, withToken: true);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_institution_cannot_change_a_year_it_has_submitted_nor_a_past_one()
    {
        using var institution = await Host.SignInAsync("i6523240009");
        long id;
        await using (var session = await new Data.Database(Data.DatabaseTarget.Sqlite(Host.DatabasePath)).OpenAsync())
        {
            id = (await new Data.WorkflowRepository(session).ListAsync(2025)).Single(i => i.SubjectCode == "6523240009").Id;
        }

        Assert.Equal(HttpStatusCode.OK, (await institution.PostJsonAsync($"/api/workflows/instances/{id}/fire", new { trigger = "submit" })).StatusCode);
        var quantities = new { electricityKwh = 1.0, waterM3 = 1.0, naturalGasM3 = 0.0, coalT = 0.0, heatGj = 0.0, lpgKg = 0.0, dieselL = 0.0, vehicleGasolineL = 0.0,
            vehicleDieselL = 0.0, pvKwh = 0.0, otherKgce = 0.0 };
        var header = "code,year,month," + string.Join(",", Domain.ConsumptionFields.All.Select(field => field.Name)) + "\n";

        var submitted = await institution.PutJsonAsync("/api/data/consumption/6523240009/2025/6", quantities);
        var past = await institution.PutJsonAsync("/api/data/consumption/6523240009/2023/6", quantities);
        var current = await institution.PutJsonAsync("/api/data/consumption/6523240009/2026/1", quantities);
        var import = await institution.PostFileAsync("/api/data/import/consumption", "old.csv",
            Encoding.UTF8.GetBytes(header + "6523240009,2023,6,1,1,0,0,0,0,0,0,0,0,0\n"));

        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        Assert.Contains("2026", await import.Content.ReadAsStringAsync()); // the years still open
    }
}
