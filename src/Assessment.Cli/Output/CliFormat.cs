using System.Globalization;

namespace Assessment.Cli;

/// <summary>How numbers look in tables: thousands separators, fixed decimals, signed percentages, a dash for no value.</summary>
public static class CliFormat
{
    /// <summary>Whether messages are in English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>A number with <paramref name="decimals"/> decimals, or a dash.</summary>
    public static string Number(double? value, int decimals = 2) =>
        value is { } v ? v.ToString("N" + decimals, CultureInfo.InvariantCulture) : "–";

    /// <summary>A change as a signed percentage (−5.3%), or a dash.</summary>
    public static string Percent(double? change) => Signed(change * 100, "0.0", "%");

    /// <summary>A difference of two percentages in percentage points (+0.12 pp), or a dash.</summary>
    public static string Points(double? difference) => Signed(difference * 100, "0.00", " pp");

    // A true minus sign, and no "−0.0" where rounding leaves nothing.
    private static string Signed(double? value, string format, string suffix)
    {
        if (value is not { } v)
        {
            return "–";
        }

        var text = Math.Abs(v).ToString(format, CultureInfo.InvariantCulture);
        var zero = text.All(c => c is '0' or '.');
        return (zero ? "±" : v > 0 ? "+" : "−") + text + suffix;
    }

}
