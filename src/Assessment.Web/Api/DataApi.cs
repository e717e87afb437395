using Assessment.Data;
using Assessment.Domain;
using Assessment.Import;
using Assessment.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessment.Web.Api;

/// <summary><c>/api/data</c>: an institution's monthly data, read and entered, and file imports (all or nothing, every bad cell reported).</summary>
public static class DataApi
{
    /// <summary>What an import did, or every reason it was refused.</summary>
    public sealed record ImportOutcome(bool Succeeded, string Kind, string File, ImportCounts? Counts, IReadOnlyList<string> Errors);

    /// <summary>Kinds an institution may import (its own rows only); the bureau may import every kind.</summary>
    public static readonly IReadOnlySet<ImportKind> InstitutionKinds = new HashSet<ImportKind> { ImportKind.Consumption, ImportKind.Checklist };

    public static RouteGroupBuilder MapDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/data").WithTags("data").RequireAuthorization().AddEndpointFilter<AntiforgeryCheck>();
        group.MapGet("/consumption/{code}/{year:int}", async (string code, int year, HttpContext http, Database database, CancellationToken cancellationToken) =>
        {
            await http.User.ToUser().DemandAsync(code, database, cancellationToken);
            await using var session = await database.OpenAsync(cancellationToken);
            return TypedResults.Ok((await new ConsumptionRepository(session).ListYearAsync(year, cancellationToken)).Where(row => row.Code == code)
                .OrderBy(row => row.Month).ToArray());
        });
        group.MapPut("/consumption/{code}/{year:int}/{month:int}", PutMonthAsync);
        group.MapPost("/import/{kind}", ImportAsync).DisableAntiforgery();
        group.MapGet("/checklist/{code}/{year:int}", async (string code, int year, HttpContext http, Database database, TimeProvider clock,
            CancellationToken cancellationToken) =>
        {
            await http.User.ToUser().DemandAsync(code, database, cancellationToken);
            await using var session = await database.OpenAsync(cancellationToken);
            var entries = (await new ChecklistRepository(session).ListAsync(year, cancellationToken)).Where(entry => entry.Code == code).ToArray();
            return TypedResults.Ok(new { open = await new SelfAssessment(database, clock).IsOpenAsync(code, year, cancellationToken), entries });
        });
        group.MapPut("/checklist/{code}/{year:int}", async (string code, int year, SelfAssessment.Line[] lines, HttpContext http, Database database,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            await OwnAsync(http, code, database, cancellationToken);
            await new SelfAssessment(database, clock).SaveAsync(code, year, lines, cancellationToken);
            return TypedResults.NoContent();
        });
        group.MapGet("/evidence/{code}/{year:int}", async (string code, int year, HttpContext http, Database database, CancellationToken cancellationToken) =>
        {
            await http.User.ToUser().DemandAsync(code, database, cancellationToken);
            await using var session = await database.OpenAsync(cancellationToken);
            return TypedResults.Ok(await new EvidenceRepository(session).ListAsync(code, year, cancellationToken));
        });
        group.MapPost("/evidence/{code}/{year:int}/{item}", async (string code, int year, string item, IFormFile file, HttpContext http, Database database,
            TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var user = await OwnAsync(http, code, database, cancellationToken);
            var id = await new SelfAssessment(database, clock).AddEvidenceAsync(code, year, item, file.FileName, await ReadAsync(file, cancellationToken), user.Username,
                cancellationToken);
            return TypedResults.Created($"/api/data/evidence/file/{id}", new { id });
        }).DisableAntiforgery();
        group.MapGet("/evidence/file/{id:long}", EvidenceFileAsync);
        return group;
    }

    /// <summary>
    /// Checks and stores one month entered by <paramref name="user"/>; an institution may change only a year it has not
    /// submitted (the bureau may correct any).
    /// </summary>
    public static async Task<MonthlyConsumption> EnterMonthAsync(User user, string code, int year, int month, ConsumptionQuantities quantities, Database database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = MonthlyEntry.Check(code, year, month, quantities);
        if (user.Role == UserRole.Institution && !await new SelfAssessment(database, clock).IsOpenAsync(code, year, cancellationToken))
        {
            throw new ArgumentException(string.Format(Assessment.Resources.Strings.SelfAssessmentClosed, code, year));
        }

        await MonthlyEntry.StoreAsync(database, clock, row, user.Username, cancellationToken);
        return row;
    }

    /// <summary>An evidence file, for whoever may see its institution.</summary>
    public static async Task<FileContentHttpResult> EvidenceFileAsync(long id, HttpContext http, Database database, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var (info, content) = await new EvidenceRepository(session).GetAsync(id, cancellationToken)
                              ?? throw new NotFoundException(string.Format(Resources.WebText.EvidenceNotFound, id));
        await http.User.ToUser().DemandAsync(info.Code, database, cancellationToken);
        return TypedResults.File(content, info.ContentType, info.FileName);
    }

    /// <summary>The signed-in institution itself (or the bureau); anyone else gets 404 for it.</summary>
    private static async Task<User> OwnAsync(HttpContext http, string code, Database database, CancellationToken cancellationToken)
    {
        var user = http.User.ToUser();
        if (user.Role is not (UserRole.Bureau or UserRole.Institution))
        {
            throw new ForbiddenException(string.Format(Resources.WebText.RoleMayNotChange, code));
        }

        await user.DemandAsync(code, database, cancellationToken);
        return user;
    }

    /// <summary>The bytes of an upload, refusing one larger than the evidence limit before reading it.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > SelfAssessment.MaxEvidenceBytes)
        {
            throw new ArgumentException(string.Format(Assessment.Resources.Strings.EvidenceWrongSize, file.FileName, file.Length, SelfAssessment.MaxEvidenceBytes / 1024 / 1024));
        }

        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, cancellationToken);
        return memory.ToArray();
    }

    /// <summary>Stores one month for an institution: the institution itself or the bureau.</summary>
    public static async Task<Ok<MonthlyConsumption>> PutMonthAsync(string code, int year, int month, ConsumptionQuantities quantities, HttpContext http,
        Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await OwnAsync(http, code, database, cancellationToken);
        var row = await EnterMonthAsync(user, code, year, month, quantities, database, clock, cancellationToken);
        return TypedResults.Ok(row);
    }

    /// <summary>Imports an uploaded file (see <see cref="RunImportAsync"/>): 200 with the counts, or 400 with every reason.</summary>
    public static async Task<Results<Ok<ImportOutcome>, BadRequest<ImportOutcome>>> ImportAsync(string kind, IFormFile file, HttpContext http,
        Database database, TimeProvider clock, WebSettings settings, CancellationToken cancellationToken)
    {
        var outcome = await RunImportAsync(kind, file, http.User.ToUser(), database, clock, settings, cancellationToken);
        return outcome.Succeeded ? TypedResults.Ok(outcome) : TypedResults.BadRequest(outcome);
    }

    /// <summary>
    /// Imports an uploaded CSV or XLSX file of <paramref name="kind"/>, all or nothing. An institution may import its own
    /// consumption and checklist only; a file of the wrong type, empty or too large is refused before it is read.
    /// </summary>
    public static async Task<ImportOutcome> RunImportAsync(string kind, IFormFile file, User user, Database database, TimeProvider clock, WebSettings settings,
        CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var importKind) || !Enum.IsDefined(importKind) || int.TryParse(kind, out _))
        {
            return new ImportOutcome(false, kind, file.FileName, null, [string.Format(Resources.WebText.ImportKindUnknown, kind,
                string.Join(", ", Enum.GetNames<ImportKind>().Select(name => name.ToLowerInvariant())))]);
        }

        if (user.Role != UserRole.Bureau && !(user.Role == UserRole.Institution && InstitutionKinds.Contains(importKind)))
        {
            return Refused(importKind, file.FileName, string.Format(Resources.WebText.ImportNotAllowed, kind));
        }

        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            return Refused(importKind, file.FileName, string.Format(Resources.WebText.ImportWrongType, file.FileName));
        }

        if (file.Length == 0 || file.Length > settings.MaxUploadBytes)
        {
            return Refused(importKind, file.FileName, string.Format(Resources.WebText.ImportWrongSize, file.FileName, file.Length, settings.MaxUploadBytes / 1024 / 1024));
        }

        // The importer reads files: the upload goes to a temporary folder of its own, deleted afterwards, named as the user named it.
        var folder = Directory.CreateTempSubdirectory("assessment-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, Path.GetFileName(file.FileName));
            await using (var stream = File.Create(path))
            {
                await file.CopyToAsync(stream, cancellationToken);
            }

            var options = user.Role == UserRole.Institution
                ? new ImportOptions(OnlyInstitution: user.Scope, OnlyYears: await new SelfAssessment(database, clock).OpenYearsAsync(user.Scope!, cancellationToken))
                : new ImportOptions();
            var result = await new Importer(database, clock).ImportAsync(importKind, path, options, cancellationToken);
            return new ImportOutcome(result.Succeeded, importKind.ToString().ToLowerInvariant(), file.FileName, result.Counts,
                result.Errors.Select(error => error.ToString().Replace(folder.FullName + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)).ToArray());
        }
        catch (ImportFileException e)
        {
            return Refused(importKind, file.FileName, e.Message.Replace(folder.FullName + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static ImportOutcome Refused(ImportKind kind, string file, string error) => new(false, kind.ToString().ToLowerInvariant(), file, null, [error]);
}
