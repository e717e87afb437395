using System.Text;

namespace Assessment.Import;

/// <summary>The spellings of each unit a header may state, normalised (NFKC, lower case, no spaces).</summary>
internal static class Units
{
    private static readonly Dictionary<string, string[]> Spellings = new()
    {
        ["kWh"] = ["kwh", "千瓦时", "度", "kw·h", "kw.h"],
        ["m3"] = ["m3", "立方米", "方"],
        ["m3|t"] = ["m3", "立方米", "方", "t", "吨"],
        ["t"] = ["t", "吨"],
        ["GJ"] = ["gj", "吉焦"],
        ["kg"] = ["kg", "千克", "公斤"],
        ["L"] = ["l", "升"],
        ["kgce"] = ["kgce", "千克标准煤", "kg标准煤", "公斤标准煤"],
        ["m2"] = ["m2", "平方米"],
        ["persons"] = ["人", "persons", "person"],
        ["tce"] = ["tce", "吨标准煤", "t标准煤"],
    };

    /// <summary>Whether <paramref name="written"/> spells <paramref name="unit"/>.</summary>
    public static bool Matches(string unit, string written) =>
        Spellings.TryGetValue(unit, out var spellings) && spellings.Contains(Normalize(written));

    /// <summary>NFKC (full-width brackets and digits, m³ → m3), lower case, no white space.</summary>
    public static string Normalize(string text) =>
        new string(text.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
}
