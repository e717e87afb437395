using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Assessment.Web.Tests.Support;

/// <summary>
/// The real web host on a free port of 127.0.0.1 over a copy of the demo database, with in-memory job storage and no job
/// server (nothing runs behind the test's back), and clients that sign in as the demo accounts.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string Password = Demo.DemoWorkflows.DemoPassword;

    private readonly WebApplication _app;

    private TestHost(WebApplication app, Uri address, string databasePath)
    {
        _app = app;
        Address = address;
        DatabasePath = databasePath;
    }

    public Uri Address { get; }

    public string DatabasePath { get; }

    public static async Task<TestHost> StartAsync(string databasePath)
    {
        var app = await WebApp.CreateAsync(["--db", databasePath, "--urls", "http://127.0.0.1:0", "--Assessment:JobStore=Memory", "--Assessment:Jobs=false",
            "--Logging:LogLevel:Default=Warning"], DemoDatabase.Clock);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address), databasePath);
    }

    /// <summary>A client with its own cookies, not signed in.</summary>
    public Client Anonymous() => new(this);

    /// <summary>A client signed in as <paramref name="username"/> with the demo password.</summary>
    public async Task<Client> SignInAsync(string username)
    {
        var client = new Client(this);
        var response = await client.PostJsonAsync("/api/account/login", new { username, password = Password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{username} could not sign in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>An HTTP client with a cookie jar that sends the antiforgery token with every request that changes something.</summary>
    public sealed class Client : IDisposable
    {
        private readonly HttpClient _http;
        private string? _token;

        public Client(TestHost host)
        {
            _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = host.Address };
        }

        /// <summary>The client's cookies (the sign-in among them).</summary>
        public CookieContainer Cookies { get; } = new();

        public HttpClient Http => _http;

        public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

        public async Task<T> GetJsonAsync<T>(string path)
        {
            var response = await _http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(Json))!;
        }

        public async Task<HttpResponseMessage> PostJsonAsync(string path, object body, bool withToken = true) =>
            await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, withToken);

        public async Task<HttpResponseMessage> PutJsonAsync(string path, object body) =>
            await SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) }, true);

        public async Task<HttpResponseMessage> PostFileAsync(string path, string fileName, byte[] content)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
            return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = form }, true);
        }

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool withToken)
        {
            if (withToken)
            {
                _token ??= (await (await _http.GetAsync("/api/account/antiforgery")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetString();
                request.Headers.Add("X-CSRF-TOKEN", _token);
            }

            var signing = request.RequestUri?.OriginalString.StartsWith("/api/account/log", StringComparison.Ordinal) == true;
            var response = await _http.SendAsync(request);
            if (signing)
            {
                _token = null; // the antiforgery token belongs to who is signed in
            }

            return response;
        }

        public void Dispose() => _http.Dispose();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
