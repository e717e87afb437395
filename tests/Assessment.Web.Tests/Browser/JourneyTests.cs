using Assessment.Web.Tests.Support;
using Microsoft.Playwright;

namespace Assessment.Web.Tests.Browser;

/// <summary>
/// The main journey in a real Chromium (Debian's, driven by Playwright): the bureau changes a rule's points, simulates,
/// publishes and re-assesses; an institution submits; its county approves; the leader sees the new ranking and its
/// charts. A screenshot of each role's main page is saved under artifacts/screenshots.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class JourneyTests(DemoDatabase demo) : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(Repository.Root, "artifacts", "screenshots");

    private TestHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.");
        _host = await TestHost.StartAsync(demo.Copy());
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        Directory.CreateDirectory(Screenshots);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Bureau_changes_points_and_publishes_an_institution_submits_its_county_approves_and_the_leader_sees_the_new_ranking()
    {
        // The bureau moves a point from water to energy per area, sees the examples move, takes their new results,
        // simulates the year, publishes, and assesses the year again.
        var bureau = await SignInAsync("bureau");
        await Expect(bureau.Locator("#workflow-status")).ToBeVisibleAsync();
        await bureau.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "bureau.png") });
        await bureau.GotoAsync("/bureau/rules/institution-assessment");
        await bureau.FillAsync("input[data-rule='quota-energy-per-area']", "9");
        await bureau.FillAsync("input[data-rule='quota-water-per-capita']", "2");
        await bureau.ClickAsync("#apply-points");
        await Expect(bureau.Locator("#problems")).ToContainTextAsync("quota-energy-per-area");
        await bureau.ClickAsync("#accept-examples");
        await Expect(bureau.Locator("#message")).ToBeVisibleAsync();
        await bureau.FillAsync("#simulate-year", "2025");
        await bureau.ClickAsync("#simulate");
        await Expect(bureau.Locator("#simulation-summary")).ToBeVisibleAsync();
        Assert.True(await bureau.Locator("#movers tr").CountAsync() > 1, "the simulation lists the units that move");
        await Expect(bureau.Locator("#simulation-timing")).ToContainTextAsync("秒"); // how long it took, and on which data
        await bureau.ClickAsync("#publish");
        await Expect(bureau.Locator("#message")).ToContainTextAsync("institution-assessment@");
        await Expect(bureau.Locator("#versions summary")).ToContainTextAsync("2"); // the shipped version and this one
        await bureau.GotoAsync("/bureau");
        await bureau.ClickAsync("#assess");
        await Expect(bureau.Locator("#message")).ToContainTextAsync("2025");
        var run = (await bureau.Locator("#message").InnerTextAsync()).Split('#', ' ', '：', ':')[1];

        // An institution of 玛纳斯县 that has yet to submit does so.
        var institution = await SignInAsync("i6523240009");
        await Expect(institution.Locator("#workflow-state")).ToContainTextAsync("自评中");
        await institution.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "institution.png") });
        await institution.ClickAsync("button[data-trigger='submit']");
        await Expect(institution.Locator("#workflow-state")).ToContainTextAsync("县市审核中");

        // Its county finds it in its inbox and approves it.
        var county = await SignInAsync("c652324");
        var row = county.Locator("#inbox tr[data-code='6523240009']");
        await Expect(row).ToBeVisibleAsync();
        await county.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "county.png") });
        await row.Locator("button[data-trigger='county-approve']").ClickAsync();
        await Expect(county.Locator("#message")).ToContainTextAsync("6523240009");
        await Expect(county.Locator("#inbox tr[data-code='6523240009']")).ToHaveCountAsync(0);

        // The leader sees the ranking of the new run, and the charts.
        var leader = await SignInAsync("leader");
        await Expect(leader.Locator("#run")).ToContainTextAsync($"#{run}");
        await Expect(leader.Locator("#ranking tr")).Not.ToHaveCountAsync(1);
        await Expect(leader.Locator("#chart-counties rect")).ToHaveCountAsync(8);
        await Expect(leader.Locator("#chart-trend path")).ToHaveCountAsync(1);
        await leader.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "leader.png") });
        Assert.True(new FileInfo(Path.Combine(Screenshots, "leader.png")).Length > 10_000);
    }

    [Fact]
    public async Task The_pages_speak_chinese_by_default_and_english_on_request()
    {
        var page = await SignInAsync("leader");
        await Expect(page.Locator("h1")).ToContainTextAsync("年度考核结果");

        await page.ClickAsync("text=English");

        await Expect(page.Locator("h1")).ToContainTextAsync("Results");
        await Expect(page.Locator("header")).ToContainTextAsync("Sign out");
    }

    private async Task<IPage> SignInAsync(string username)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", TestHost.Password);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        return page;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
