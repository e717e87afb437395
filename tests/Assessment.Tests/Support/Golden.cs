using System.Globalization;
using System.Text.Json;
using Assessment.Assessing;

namespace Assessment.Tests.Support;

/// <summary>
/// Golden files: a result compared with the copy kept in Fixtures/golden. Set ASSESSMENT_UPDATE_GOLDEN=1 to write the
/// current result instead, after checking by hand that the change is intended.
/// </summary>
public static class Golden
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The figures of a run worth pinning: every subject's score (4 decimals), grade and rank, and the grade counts.</summary>
    public static string Of(AssessmentService.Stored stored) => JsonSerializer.Serialize(new
    {
        stored.Run.Year,
        grades = stored.Institutions.GroupBy(result => result.Grade).OrderBy(group => group.Key).ToDictionary(group => group.Key, group => group.Count()),
        counties = stored.Counties.OrderBy(result => result.Code).Select(Line),
        institutions = stored.Institutions.OrderBy(result => result.Code).Select(Line),
    }, Options);

    public static void Check(string name, string actual)
    {
        var path = Path.Combine(Repository.Root, "tests", "Assessment.Tests", "Fixtures", "golden", name);
        if (Environment.GetEnvironmentVariable("ASSESSMENT_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}: run the tests once with ASSESSMENT_UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(path);
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], -1);
        Assert.True(expected == actual, first < 0
            ? $"{name}: lengths differ ({expectedLines.Length} and {actualLines.Length} lines)"
            : $"{name}: line {first + 1} differs: expected {expectedLines[first].Trim()} got {actualLines[first].Trim()}");
    }

    private static string Line(AssessmentResult result) =>
        string.Join(' ', result.Code, result.Score.ToString("0.0000", CultureInfo.InvariantCulture), result.Grade, result.Rank.ToString(CultureInfo.InvariantCulture));
}
