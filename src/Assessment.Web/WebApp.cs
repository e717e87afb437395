using System.Globalization;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Rules;
using Assessment.Scheduling;
using Assessment.Web.Api;
using Assessment.Web.Auth;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;

namespace Assessment.Web;

/// <summary>
/// The web host: pages for each role, the JSON API with its OpenAPI document, cookie sign-in, a Hangfire server and the
/// bureau's dashboard, over the database named by <c>--db</c> (default <c>data/assessment.db</c>), on 127.0.0.1:5080.
/// </summary>
public static class WebApp
{
    /// <summary>Builds the host from command-line arguments and prepares the database (demo, schema).</summary>
    public static async Task<WebApplication> CreateAsync(string[] args, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Select(arg => arg == "--demo" ? "--demo=true" : arg).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
            // The pages live in this assembly, whichever program starts the host (the command, the tests).
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        builder.Configuration.AddCommandLine(args.Select(arg => arg == "--demo" ? "--demo=true" : arg).ToArray(),
            new Dictionary<string, string> { ["--db"] = "Assessment:Db", ["--demo"] = "Assessment:Demo" });
        var settings = builder.Configuration.GetSection("Assessment").Get<WebSettings>() ?? new WebSettings();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(WebSettings.DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Bodies up to twice the upload limit are read, so that a file somewhat too large is refused with a message naming
        // it (400) rather than by a reset connection; beyond that Kestrel stops reading (413).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 2 * settings.MaxUploadBytes);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = 2 * settings.MaxUploadBytes);
        var target = DatabaseTarget.Parse(settings.Db);
        if (target.FilePath is { } file)
        {
            // The job store file goes beside the database, so the folder must exist before either is opened.
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }

        var database = new Database(target);
        var time = clock ?? TimeProvider.System;
        var storage = JobHost.CreateStorage(target, settings.JobStore);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton<SimulationCache>();
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(storage);
        // What the dashboard looks for. Not AddHangfire(): it would point Hangfire's global log provider at this host's
        // logger, which outlives the host (several hosts run in one test process); our storage and server are explicit.
        builder.Services.AddSingleton<IGlobalConfiguration>(GlobalConfiguration.Configuration);
        builder.Services.AddSingleton(DashboardRoutes.Routes);
        if (settings.Jobs)
        {
            builder.Services.AddHostedService(services => new JobHostService(database, storage, time, services.GetRequiredService<ILogger<JobHostService>>()));
        }

        // Chinese text goes into pages as itself, not as numeric character references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddProblemDetails();
        // A request body missing a field the API needs is refused (400), not read as zero or null.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.RespectRequiredConstructorParameters = true);
        builder.Services.AddExceptionHandler<ProblemHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddAntiforgery(options => options.HeaderName = AntiforgeryCheck.HeaderName);
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.Name = "assessment.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // The API answers 401 and 403; only pages are sent to the sign-in page.
            // A cookie from before a sign-out (or a password change) no longer works, even a copied one.
            options.Events.OnValidatePrincipal = async context =>
            {
                var principal = context.Principal!;
                var valid = await new Accounts.AccountService(database, time).IsCurrentAsync(principal.ToUser().Username,
                    principal.FindFirst(WebUser.StampClaim)?.Value, context.HttpContext.RequestAborted);
                if (!valid)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                }
            };
            options.Events.OnRedirectToLogin = context => ApiOr(context.HttpContext, StatusCodes.Status401Unauthorized, () => context.Response.Redirect(context.RedirectUri));
            options.Events.OnRedirectToAccessDenied = context => ApiOr(context.HttpContext, StatusCodes.Status403Forbidden, () => context.Response.Redirect(context.RedirectUri));
        });
        builder.Services.AddAuthorizationBuilder().AddAssessmentPolicies();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Login");
            options.Conventions.AllowAnonymousToPage("/Denied");
            options.Conventions.AuthorizeFolder("/Bureau", Policies.Bureau);
            options.Conventions.AuthorizeFolder("/County", Policies.County);
            options.Conventions.AuthorizeFolder("/Institution", Policies.Institution);
            options.Conventions.AuthorizeFolder("/Leader", Policies.Results);
        });

        var app = builder.Build();
        await PrepareDatabaseAsync(database, settings, time, app.Logger);

        // The API answers with problem details; pages with a page that says what went wrong.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error" });
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/hangfire"),
            pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")],
            SupportedUICultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")],
            RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
        });
        // Routing after the error and status pages, so that their re-executed requests find their pages.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapRazorPages();
        app.MapAccountApi();
        app.MapWorkflowApi();
        app.MapResultsApi();
        app.MapRulesApi();
        app.MapDataApi();
        app.MapJobsApi();
        app.MapGet("/lang/{culture}", (string culture, string? back, HttpContext http) =>
        {
            var chosen = culture == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax });
            var local = back is { Length: > 0 } && back[0] == '/' && (back.Length == 1 || back[1] is not ('/' or '\\'));
            return TypedResults.LocalRedirect(local ? back! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        // The dashboard is the bureau's: others are sent to sign in, or told they may not, as for any page.
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/hangfire") && !http.User.IsInRole("bureau"))
            {
                await (http.User.Identity?.IsAuthenticated == true ? http.ForbidAsync() : http.ChallengeAsync());
                return;
            }

            await next(http);
        });
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new BureauDashboardFilter()],
            AppPath = "/bureau",
            DashboardTitle = "Hangfire · Assessment",
        }, storage);
        return app;
    }

    private static Task ApiOr(HttpContext http, int status, Action page)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = status;
        }
        else
        {
            page();
        }

        return Task.CompletedTask;
    }

    // A new database is created (with the shipped factor tables and rule sets); with --demo, an empty one is filled with the
    // demo; a database with real data is never replaced.
    private static async Task PrepareDatabaseAsync(Database database, WebSettings settings, TimeProvider clock, ILogger logger)
    {
        var builder = new DemoBuilder(database, clock);
        var ruleSets = DatabaseSetup.ShippedRuleSets(RulesDirectory.Find());
        if (settings.Demo)
        {
            if (!(database.Exists && await IsDemoWithAccountsAsync(database)))
            {
                if (!await builder.IsReplaceableAsync(ruleSets.Select(set => set.ContentHash).ToArray()))
                {
                    throw new DatabaseException(string.Format(Assessment.Resources.Strings.DemoWouldReplaceData, database.Target.Display));
                }

                logger.LogInformation("{Message}", Resources.WebText.DemoBuilding);
                var factors = FactorTableReader.ReadDirectory(RulesDirectory.Factors()
                    ?? throw new FactorTableException([string.Format(Assessment.Resources.Strings.FactorDirectoryMissing, "rules/factors")]));
                await builder.BuildAsync(new DemoOptions(), factors, force: false, ruleSets: ruleSets);
                await new DemoWorkflows(database, clock).BuildAsync(DemoCalibration.LastYear,
                    RulesDirectory.Workflows() ?? throw new DirectoryNotFoundException("workflows"));
            }

            database.Migrate();
            await using var session = await database.OpenAsync();
            var signIn = (await new UserRepository(session).WithPasswordAsync())
                .Select(user => $"{user.Username} ({user.RoleCode}{(user.Scope is null ? "" : " " + user.Scope)})");

            logger.LogWarning("{Message}", string.Format(Resources.WebText.DemoAccounts, DemoWorkflows.DemoPassword, string.Join(", ", signIn)));
            return;
        }

        if (!database.Exists)
        {
            await DatabaseSetup.InitAsync(database, RulesDirectory.Factors(), null, clock, ruleSets: ruleSets);
            return;
        }

        database.Migrate();
    }

    private static async Task<bool> IsDemoWithAccountsAsync(Database database)
    {
        database.Migrate();
        await using var session = await database.OpenAsync();
        return await new SettingsRepository(session).GetAsync(SettingsRepository.DemoSeed) is not null
               && await new UserRepository(session).CredentialsAsync(DemoWorkflows.Bureau) is { PasswordHash: not null };
    }

    /// <summary>Only the bureau sees the Hangfire dashboard.</summary>
    private sealed class BureauDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User is { Identity.IsAuthenticated: true } user && user.IsInRole("bureau");
    }
}
