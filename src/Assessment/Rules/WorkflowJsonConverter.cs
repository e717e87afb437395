using System.Text.Json;
using System.Text.Json.Serialization;
using RulesEngine.Models;

namespace Assessment.Rules;

/// <summary>
/// Reads the RulesEngine workflow inside a rule-set file in RulesEngine's own PascalCase format, refusing unknown
/// members (RulesEngine alone would ignore a misspelt <c>Expresion</c> and run the rule without it).
/// </summary>
internal sealed class WorkflowJsonConverter : JsonConverter<Workflow>
{
    private static readonly JsonSerializerOptions Options = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public override Workflow? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Workflow>(ref reader, Options);

    public override void Write(Utf8JsonWriter writer, Workflow value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, Options);
}
