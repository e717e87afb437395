using Assessment.Data;
using Assessment.Resources;
using Dapper;

namespace Assessment.Import;

/// <summary>
/// The institution code of a row of institution data (consumption, checklist): it must name a known institution and,
/// when the import is made for one institution (<see cref="ImportOptions.OnlyInstitution"/>), that one, in a year it may
/// still change (<see cref="ImportOptions.OnlyYears"/>).
/// </summary>
internal sealed class InstitutionRows
{
    private HashSet<string> _known = [];
    private string? _only;
    private IReadOnlySet<int>? _years;

    /// <summary>Reads the known codes.</summary>
    public async Task LoadAsync(DbSession session, ImportOptions options, CancellationToken cancellationToken)
    {
        _known = (await session.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM institutions", transaction: session.Transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        _only = options.OnlyInstitution;
        _years = options.OnlyYears;
    }

    /// <summary>The row's year, with an error on the cell when it is not one the import may change (<see cref="ImportOptions.OnlyYears"/>).</summary>
    public int Year(CellReader cells)
    {
        var year = cells.Integer("year", 1990, 2100);
        if (_years is not null && year != 0 && !_years.Contains(year))
        {
            cells.Error("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Format(Strings.ImportYearClosed, string.Join(", ", _years.Order())));
        }

        return year;
    }

    /// <summary>The row's code, with an error on the cell when it is unknown or another institution's.</summary>
    public string? Code(CellReader cells)
    {
        var code = cells.Text("code");
        if (code is not null && !_known.Contains(code))
        {
            cells.Error("code", code, Strings.ImportInstitutionUnknown);
        }
        else if (code is not null && _only is not null && code != _only)
        {
            cells.Error("code", code, string.Format(Strings.ImportOtherInstitution, _only));
        }

        return code;
    }
}
