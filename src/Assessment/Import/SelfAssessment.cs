using System.Security.Cryptography;
using Assessment.Data;
using Assessment.Resources;
using Assessment.Rules;
using Assessment.Workflows;

namespace Assessment.Import;

/// <summary>
/// An institution's own self-assessment: its checklist points (within each item's maximum, from the checklist vocabulary)
/// and evidence files, changeable until it submits (its workflow is then with the county, which reviews them).
/// </summary>
public sealed class SelfAssessment(Database database, TimeProvider clock)
{
    /// <summary>Largest evidence file accepted.</summary>
    public const long MaxEvidenceBytes = 10 * 1024 * 1024;

    /// <summary>The last state in which the institution may still change its self-assessment.</summary>
    public const string OpenUntil = "self-assessment";

    // File types accepted as evidence, by extension, with the bytes their files begin with.
    private static readonly Dictionary<string, (string ContentType, byte[][] Signatures)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", [[0x25, 0x50, 0x44, 0x46]]),
        [".png"] = ("image/png", [[0x89, 0x50, 0x4E, 0x47]]),
        [".jpg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".jpeg"] = ("image/jpeg", [[0xFF, 0xD8, 0xFF]]),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [[0x50, 0x4B, 0x03, 0x04]]),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [[0x50, 0x4B, 0x03, 0x04]]),
    };

    /// <summary>One item as the institution fills it in.</summary>
    public sealed record Line(string Item, double Points, bool NotApplicable, string? Note);

    /// <summary>The checklist items the institution can fill in (the vocabulary), or none when it is missing.</summary>
    public static IReadOnlyList<ChecklistVocabulary.Item> Items => ChecklistVocabulary.Current?.Items ?? [];

    /// <summary>
    /// Whether <paramref name="code"/> may still change its data and self-assessment of <paramref name="year"/>: its
    /// assessment of that year is not yet submitted; a year not opened may be changed only while it is the current year
    /// (monthly reporting), never a past one.
    /// </summary>
    public async Task<bool> IsOpenAsync(string code, int year, CancellationToken cancellationToken = default) =>
        (await OpenYearsAsync(code, cancellationToken)).Contains(year);

    /// <summary>The years <paramref name="code"/> may still change (see <see cref="IsOpenAsync"/>).</summary>
    public async Task<IReadOnlySet<int>> OpenYearsAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var repository = new WorkflowRepository(session);
        var years = new HashSet<int>();
        var opened = new HashSet<int>();
        var own = (await repository.ListAsync(null, cancellationToken))
            .Where(candidate => candidate.Subject == WorkflowSubject.Institution && candidate.SubjectCode == code).ToArray();
        var definitions = await repository.DefinitionsOfAsync(own, cancellationToken);
        foreach (var instance in own)
        {
            opened.Add(instance.Year);
            var definition = definitions[instance.ContentHash];
            if (definition.Order(instance.State) <= definition.Order(OpenUntil))
            {
                years.Add(instance.Year);
            }
        }

        var current = Scheduling.ScheduledJobs.Today(clock).Year;
        if (!opened.Contains(current))
        {
            years.Add(current);
        }

        return years;
    }

    /// <summary>Stores the lines (all or none): each item must be in the vocabulary and its points within its maximum.</summary>
    public async Task SaveAsync(string code, int year, IReadOnlyList<Line> lines, CancellationToken cancellationToken = default)
    {
        await DemandOpenAsync(code, year, cancellationToken);
        var problems = new List<string>();
        foreach (var line in lines)
        {
            if (Items.FirstOrDefault(item => item.Id == line.Item) is not { } item)
            {
                problems.Add(string.Format(Strings.SelfAssessmentItemUnknown, line.Item));
            }
            else if (!line.NotApplicable && (!double.IsFinite(line.Points) || line.Points < 0 || line.Points > item.Max))
            {
                problems.Add(string.Format(Strings.SelfAssessmentPointsOutOfRange, item.Zh, line.Points, item.Max));
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }

        await using var session = await database.OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        await new ChecklistRepository(session).UpsertAsync(lines.Select(line =>
            new ChecklistRepository.Entry(code, year, line.Item, line.NotApplicable ? 0 : line.Points, line.NotApplicable, string.IsNullOrWhiteSpace(line.Note) ? null : line.Note.Trim())),
            null, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Stores an evidence file for an item: a PDF, image, Word or Excel file (the extension and the first bytes must agree),
    /// not empty and at most <see cref="MaxEvidenceBytes"/>.
    /// </summary>
    public async Task<long> AddEvidenceAsync(string code, int year, string item, string fileName, byte[] content, string username,
        CancellationToken cancellationToken = default)
    {
        await DemandOpenAsync(code, year, cancellationToken);
        if (Items.All(known => known.Id != item))
        {
            throw new ArgumentException(string.Format(Strings.SelfAssessmentItemUnknown, item));
        }

        var name = Path.GetFileName(fileName);
        if (!Types.TryGetValue(Path.GetExtension(name), out var type) || !type.Signatures.Any(signature => content.AsSpan().StartsWith(signature)))
        {
            throw new ArgumentException(string.Format(Strings.EvidenceWrongType, name));
        }

        if (content.Length == 0 || content.Length > MaxEvidenceBytes)
        {
            throw new ArgumentException(string.Format(Strings.EvidenceWrongSize, name, content.Length, MaxEvidenceBytes / 1024 / 1024));
        }

        await using var session = await database.OpenAsync(cancellationToken);
        return await new EvidenceRepository(session).AddAsync(new EvidenceRepository.Info(0, code, year, item, name, type.ContentType, content.Length,
            Convert.ToHexStringLower(SHA256.HashData(content)), username, clock.GetUtcNow().UtcDateTime), content, cancellationToken);
    }

    private async Task DemandOpenAsync(string code, int year, CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync(code, year, cancellationToken))
        {
            throw new ArgumentException(string.Format(Strings.SelfAssessmentClosed, code, year));
        }
    }
}
