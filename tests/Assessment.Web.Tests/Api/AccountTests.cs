using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Assessment.Web.Tests.Support;

namespace Assessment.Web.Tests.Api;

/// <summary>Sign-in over real HTTP: passwords, lockout, cookies, antiforgery, and what an anonymous client gets.</summary>
[Collection(DemoCollection.Name)]
public sealed class AccountTests(DemoDatabase demo) : HostTest(demo)
{

    [Fact]
    public async Task A_demo_account_signs_in_and_the_cookie_says_who_it_is()
    {
        using var client = await Host.SignInAsync("c652324");

        var me = await client.GetJsonAsync<JsonElement>("/api/account/me");

        Assert.Equal(("c652324", "county", "652324"), (me.GetProperty("username").GetString(), me.GetProperty("role").GetString(), me.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task Wrong_passwords_unknown_users_and_locked_accounts_all_get_the_same_answer()
    {
        using var client = Host.Anonymous();

        var unknown = await client.PostJsonAsync("/api/account/login", new { username = "nobody", password = "x" });
        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await client.PostJsonAsync("/api/account/login", new { username = "leader", password = "wrong" }));
        }

        var locked = await client.PostJsonAsync("/api/account/login", new { username = "leader", password = TestHost.Password });
        var other = await client.PostJsonAsync("/api/account/login", new { username = "c652301", password = TestHost.Password });

        async Task<string?> Title(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
        var answer = await Title(unknown);
        Assert.All([.. wrong, locked], response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        foreach (var response in wrong.Append(locked))
        {
            Assert.Equal(answer, await Title(response)); // nothing tells which names exist, nor which are locked
        }

        Assert.Equal(HttpStatusCode.OK, other.StatusCode); // the lockout is of that account only
    }

    [Fact]
    public async Task Signing_out_ends_every_copy_of_the_sign_in()
    {
        using var client = await Host.SignInAsync("leader");
        var cookie = client.Cookies.GetCookieHeader(Host.Address);
        using var copy = new HttpClient { BaseAddress = Host.Address };
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/account/me")).StatusCode);

        var signedOut = await client.PostJsonAsync("/api/account/logout", new { });

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/account/me")).StatusCode);
    }

    [Fact]
    public async Task Without_the_antiforgery_token_nothing_is_changed()
    {
        using var client = await Host.SignInAsync("bureau");

        var response = await client.PostJsonAsync("/api/workflows/open/2025", new { }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/results/2025", HttpStatusCode.Unauthorized)]
    [InlineData("/api/account/me", HttpStatusCode.Unauthorized)]
    [InlineData("/bureau", HttpStatusCode.Redirect)]
    public async Task An_anonymous_client_is_refused_by_the_api_and_sent_to_sign_in_by_the_pages(string path, HttpStatusCode expected)
    {
        using var client = Host.Anonymous();

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api_areas()
    {
        using var client = Host.Anonymous();

        var document = await client.GetJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToArray();
        Assert.Contains("/api/workflows/instances/{id}/fire", paths);
        Assert.Contains("/api/results/{year}", paths);
        Assert.Contains("/api/rules/simulate", paths);
        Assert.Contains("/api/data/import/{kind}", paths);
        Assert.Contains("/api/jobs/schedules", paths);
    }
}
