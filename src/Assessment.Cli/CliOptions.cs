using System.CommandLine;
using System.Globalization;
using Assessment.Cli.Resources;

namespace Assessment.Cli;

/// <summary>Options several commands share, with messages in the user's language.</summary>
public static class CliOptions
{
    /// <summary>Years the data may be for.</summary>
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    /// <summary>A year option: a whole number from 1990 to 2100, refused in plain words otherwise.</summary>
    public static Option<int?> Year(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YEAR",
        CustomParser = result => WholeNumber(result, FirstYear, LastYear, text => string.Format(CliText.YearInvalid, name, text, FirstYear, LastYear)),
    };

    /// <summary>
    /// The option's one token read as a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>
    /// (digits only: no sign, no spaces), or null with the error <paramref name="error"/> makes of the text given.
    /// </summary>
    public static int? WholeNumber(System.CommandLine.Parsing.ArgumentResult result, int minimum, int maximum, Func<string, string> error)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }

        result.AddError(error(text));
        return null;
    }

    /// <summary>The value of a year option the command cannot do without.</summary>
    public static int Required(ParseResult parsed, Option<int?> option) =>
        parsed.GetValue(option) ?? throw new ArgumentException(string.Format(CliText.OptionMissing, option.Name));

    /// <summary>A path to write to whose folder exists; refused before any work is done otherwise.</summary>
    public static string? Writable(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return folder is null || Directory.Exists(folder) ? path : throw new ArgumentException(string.Format(CliText.FolderMissing, folder));
    }
}
