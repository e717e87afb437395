using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;

namespace Assessment.Import;

/// <summary>
/// One month typed in a form rather than imported from a file: the same checks as a file's row, and recorded as an import
/// (kind consumption, file <c>entry:USER</c>) so that every stored value can be traced and the replaced one is kept.
/// </summary>
public static class MonthlyEntry
{
    /// <summary>No month of any institution uses more of anything than this: a larger value is a typing error.</summary>
    public const double MaxQuantity = 1e10;

    /// <summary>The month as a row; a year, month or quantity out of range is an <see cref="ArgumentException"/> naming the field.</summary>
    public static MonthlyConsumption Check(string code, int year, int month, ConsumptionQuantities quantities)
    {
        if (year is < 1990 or > 2100)
        {
            throw new ArgumentException(string.Format(Strings.EntryOutOfRange, "year", year));
        }

        if (month is < 1 or > 12)
        {
            throw new ArgumentException(string.Format(Strings.EntryOutOfRange, "month", month));
        }

        foreach (var field in ConsumptionFields.All)
        {
            var value = field.Get(quantities);
            if (!double.IsFinite(value) || value < 0 || value > MaxQuantity)
            {
                throw new ArgumentException(string.Format(Strings.EntryOutOfRange, field.Name, value));
            }
        }

        return quantities.ToMonthly(code, year, month);
    }

    /// <summary>Stores the month in one transaction with its import record; an unknown institution changes nothing.</summary>
    public static async Task<ImportCounts> StoreAsync(Database database, TimeProvider clock, MonthlyConsumption row, string username,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var session = await database.OpenAsync(cancellationToken);
        if ((await new InstitutionRepository(session).ListAsync(cancellationToken)).All(institution => institution.Code != row.Code))
        {
            throw new ArgumentException(string.Format(Strings.EntryInstitutionUnknown, row.Code));
        }

        await session.BeginAsync(cancellationToken);
        var log = new ImportLogRepository(session);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(row))));
        var id = await log.AddAsync("consumption", $"entry:{username}", sha, now, cancellationToken);
        var counts = await new ConsumptionRepository(session).ReplaceAsync([row], id, now, cancellationToken);
        await log.CompleteAsync(id, counts, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return counts;
    }
}
