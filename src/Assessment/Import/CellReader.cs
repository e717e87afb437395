using System.Globalization;
using Assessment.Resources;

namespace Assessment.Import;

/// <summary>Reads typed values from the cells of one row, adding an error that names file, line, column and value for each bad cell.</summary>
internal sealed class CellReader(string file, HeaderMap map, List<ImportError> errors)
{
    private static readonly HashSet<string> Yes = ["是", "1", "true", "yes", "y", "√", "重点"];
    private static readonly HashSet<string> No = ["否", "0", "false", "no", "n", "", "-"];

    private readonly HashSet<string> _failed = [];
    private TabularRow _row = new(0, []);
    private int _errorsAtStart;

    /// <summary>Starts reading <paramref name="row"/>.</summary>
    public void Start(TabularRow row)
    {
        _row = row;
        _errorsAtStart = errors.Count;
        _failed.Clear();
    }

    /// <summary>Whether a cell of the current row was refused.</summary>
    public bool RowHasErrors => errors.Count > _errorsAtStart;

    /// <summary>Whether <paramref name="column"/> of the current row was refused.</summary>
    public bool HasErrorIn(string column) => _failed.Contains(column);

    /// <summary>The trimmed text of <paramref name="column"/>; an error when required and empty.</summary>
    public string? Text(string column, bool required = true)
    {
        var text = Raw(column);
        if (text.Length == 0 && required)
        {
            Error(column, text, Strings.ImportValueEmpty);
            return null;
        }

        return text;
    }

    /// <summary>A quantity: empty is 0; must be a finite number, not negative.</summary>
    public double Quantity(string column)
    {
        var text = Raw(column);
        if (text.Length == 0)
        {
            return 0;
        }

        var value = Number(column, text);
        if (value < 0)
        {
            Error(column, text, Strings.ImportValueNegative);
        }

        return value ?? 0;
    }

    /// <summary>A required number greater than zero.</summary>
    public double Positive(string column)
    {
        var text = Raw(column);
        if (text.Length == 0)
        {
            Error(column, text, Strings.ImportValueEmpty);
            return 0;
        }

        var value = Number(column, text);
        if (value <= 0)
        {
            Error(column, text, Strings.ImportValueNotPositive);
        }

        return value ?? 0;
    }

    /// <summary>A required whole number within <paramref name="min"/>–<paramref name="max"/>.</summary>
    public int Integer(string column, int min, int max)
    {
        var text = Raw(column);
        if (text.Length == 0)
        {
            Error(column, text, Strings.ImportValueEmpty);
            return 0;
        }

        if (Number(column, text) is not { } value)
        {
            return 0;
        }

        if (value != Math.Floor(value))
        {
            Error(column, text, Strings.ImportValueNotInteger);
            return 0;
        }

        if (value < min || value > max)
        {
            Error(column, text, string.Format(Strings.ImportValueOutOfRange, min, max));
            return 0;
        }

        return (int)value;
    }

    /// <summary>An optional number greater than zero; null when empty.</summary>
    public double? OptionalPositive(string column) => Raw(column).Length == 0 ? null : Positive(column);

    /// <summary>
    /// An optional share such as a decline: <c>5%</c> or <c>0.05</c>; null when empty. A bare number above 1 is refused
    /// rather than guessed at, since 5 could mean 5 % or 500 %.
    /// </summary>
    public double? OptionalFraction(string column)
    {
        var text = Raw(column);
        if (text.Length == 0)
        {
            return null;
        }

        var normal = text.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        var percent = normal.EndsWith('%');
        if (Number(column, percent ? normal[..^1] : normal) is not { } value)
        {
            return null;
        }

        var fraction = percent ? value / 100 : value;
        if (fraction is < -1 or > 1)
        {
            Error(column, text, Strings.ImportValueNotFraction);
            return null;
        }

        return fraction;
    }

    /// <summary>A yes/no flag (是/否, 1/0, true/false); empty is no.</summary>
    public bool Flag(string column)
    {
        var text = Units.Normalize(Raw(column));
        if (Yes.Contains(text))
        {
            return true;
        }

        if (!No.Contains(text))
        {
            Error(column, Raw(column), Strings.ImportValueNotFlag);
        }

        return false;
    }

    /// <summary>Whether the file has <paramref name="column"/>.</summary>
    public bool Has(string column) => map.IndexOf(column) is not null;

    /// <summary>Adds an error for <paramref name="column"/> of the current row.</summary>
    public void Error(string column, string value, string reason)
    {
        _failed.Add(column);
        errors.Add(new ImportError(file, _row.Line, column.Length == 0 ? "" : map.HeaderOf(column), value, reason));
    }

    private string Raw(string column) => map.IndexOf(column) is { } index ? _row[index].Trim() : "";

    private double? Number(string column, string text)
    {
        var normal = text.Normalize(System.Text.NormalizationForm.FormKC).Replace(" ", "");
        if (double.TryParse(normal, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        Error(column, text, Strings.ImportValueNotNumber);
        return null;
    }
}
