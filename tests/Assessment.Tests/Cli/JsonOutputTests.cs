using System.Text.Json;
using Assessment.Cli;

namespace Assessment.Tests.Cli;

/// <summary>JSON lists are written element by element (a national list is more text than one string holds), as serializing the whole list would write them.</summary>
public sealed class JsonOutputTests
{
    private sealed record Line(string Code, string Name, double Score, double? Missing, IReadOnlyList<string> Failed);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12_000)] // several chunks of a megabyte
    public void A_list_written_in_chunks_is_the_list_serialized_at_once(int count)
    {
        var lines = Enumerable.Range(0, count)
            .Select(index => new Line($"6523{index:D8}", $"昌吉州第{index}中学 \"quoted\"", index / 7.0, index % 3 == 0 ? null : 0.1 + 0.2, index % 2 == 0 ? [] : ["score<85", "极值"]))
            .ToList();
        var writer = new StringWriter();

        IndicatorOutput.WriteJsonArray(writer, lines);

        Assert.Equal(JsonSerializer.Serialize(lines, IndicatorOutput.Json) + writer.NewLine, writer.ToString());
        if (count > 1000)
        {
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(writer.ToString()) > 1 << 20); // written in more than one chunk
        }
    }
}
