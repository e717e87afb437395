using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Resources;
using Json.Schema;

namespace Assessment.Rules;

/// <summary>
/// Reads rule-set files and refuses any that are not right, before anything runs: the text must be JSON, match the
/// published schema (so a misspelt member such as <c>Expresion</c> is refused, where RulesEngine would ignore it), and
/// compile. Every problem names the file, and the line, JSON path or rule.
/// </summary>
public static class RuleSetReader
{
    /// <summary>Files larger than this are refused unread.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(RuleSetReader).Assembly.GetManifestResourceStream("Assessment.Rules.rule-set.schema.json")
                           ?? throw new InvalidOperationException("The rule-set schema is not embedded in the library.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    /// <summary>The options a rule-set document is read with: strict about unknown members, kebab-case enums.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Reads and compiles the file at <paramref name="path"/>.</summary>
    public static CompiledRuleSet ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new RuleSetException([string.Format(Strings.RuleSetFileMissing, path)]);
        }

        if (info.Length > MaxBytes)
        {
            throw new RuleSetException([string.Format(Strings.RuleSetFileTooLarge, path, info.Length / 1024, MaxBytes / 1024)]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads every <c>*.json</c> file of <paramref name="directory"/> (not its subfolders); all must be good.</summary>
    public static IReadOnlyList<CompiledRuleSet> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new RuleSetException([string.Format(Strings.RuleSetFileMissing, directory)]);
        }

        var problems = new List<string>();
        var sets = new List<CompiledRuleSet>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                sets.Add(ReadFile(file));
            }
            catch (RuleSetException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        foreach (var duplicate in sets.GroupBy(set => set.Id).Where(group => group.Count() > 1))
        {
            problems.Add(string.Format(Strings.RuleSetIdDuplicate, duplicate.Key, string.Join(", ", duplicate.Select(set => Path.GetFileName(set.Source)))));
        }

        return problems.Count > 0 ? throw new RuleSetException(problems) : sets;
    }

    /// <summary>Reads and compiles <paramref name="text"/>; <paramref name="source"/> names it in messages.</summary>
    public static CompiledRuleSet Parse(string text, string source)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            throw new RuleSetException([string.Format(Strings.RuleSetFileTooLarge, source, Encoding.UTF8.GetByteCount(text) / 1024, MaxBytes / 1024)]);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new RuleSetException([string.Format(Strings.RuleSetJsonInvalid, source, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, e.Message)]);
        }

        using (json)
        {
            var evaluation = Schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!evaluation.IsValid)
            {
                throw new RuleSetException(SchemaProblems.Of(evaluation, source, location => RuleAt(json.RootElement, location), Strings.RuleSetSchemaInvalid));
            }

            RuleSetDocument? document;
            try
            {
                document = json.RootElement.Deserialize<RuleSetDocument>(Options);
            }
            catch (JsonException e)
            {
                throw new RuleSetException([string.Format(Strings.RuleSetJsonInvalid, source, (e.LineNumber ?? 0) + 1, 1, e.Message)]);
            }

            return RuleCompiler.Compile(document!, source, text, Hash(text));
        }
    }

    /// <summary>The SHA-256 of a rule set's text: its immutable version.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // " (rule 'x')" when the location lies inside a rule of the workflow, so that the author finds it by name.
    private static string RuleAt(JsonElement root, string location)
    {
        var parts = location.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var element = root;
        string? rule = null;
        for (var index = 0; index < parts.Length; index++)
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(parts[index], out var child))
            {
                element = child;
            }
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(parts[index], out var at) && at < element.GetArrayLength())
            {
                element = element[at];
                if (parts[index - 1] == "Rules" && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("RuleName", out var name))
                {
                    rule = name.GetString();
                }
            }
            else
            {
                break;
            }
        }

        return rule is null ? "" : $" ({string.Format(Strings.RuleNamed, rule)})";
    }
}
