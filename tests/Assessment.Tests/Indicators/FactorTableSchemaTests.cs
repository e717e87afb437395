using System.Text.Json;
using Assessment.Tests.Support;
using Json.Schema;

namespace Assessment.Tests.Indicators;

/// <summary>The published JSON Schema lets an editor check a factor table; it must agree with the reader.</summary>
public sealed class FactorTableSchemaTests
{
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Repository.Root, "rules", "schemas", "factor-table.schema.json")));

    private static EvaluationResults Evaluate(string path) =>
        Schema.Evaluate(JsonDocument.Parse(File.ReadAllText(path)).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    public static TheoryData<string> ShippedTables() => new(Directory.GetFiles(Repository.Factors, "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(ShippedTables))]
    public void Every_shipped_table_matches_the_schema(string file)
    {
        var result = Evaluate(Path.Combine(Repository.Factors, file));

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Theory]
    [InlineData("bad-unknown-field.json")]
    [InlineData("bad-wrong-unit.json")]
    [InlineData("bad-no-national-grid.json")]
    [InlineData("bad-missing-and-unknown-energy.json")]
    public void The_schema_refuses_what_the_reader_refuses(string fixture)
    {
        Assert.False(Evaluate(Repository.Fixture("factors", fixture)).IsValid);
    }
}
