using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Resources;

namespace Assessment.Indicators;

/// <summary>
/// Reads factor tables from JSON (the files under <c>rules/factors/</c>) and refuses any that a bureau editor got wrong:
/// unknown fields, a missing coefficient, a unit other than the one the calculation assumes, an implausible electricity basis.
/// </summary>
public static class FactorTableReader
{
    // The unit each value must be given in; the calculation converts the form's units (t, GJ, L) to these.
    private static readonly Dictionary<EnergyCarrier, string> CoalUnits = new()
    {
        [EnergyCarrier.Electricity] = "kgce/kWh",
        [EnergyCarrier.NaturalGas] = "kgce/m3",
        [EnergyCarrier.Coal] = "kgce/kg",
        [EnergyCarrier.Heat] = "kgce/MJ",
        [EnergyCarrier.Lpg] = "kgce/kg",
        [EnergyCarrier.Diesel] = "kgce/kg",
        [EnergyCarrier.Gasoline] = "kgce/kg",
    };

    private static readonly Dictionary<EnergyCarrier, string> DensityUnits = new()
    {
        [EnergyCarrier.Diesel] = "kg/L",
        [EnergyCarrier.Gasoline] = "kg/L",
    };

    private static readonly Dictionary<EnergyCarrier, string> Co2Units = new()
    {
        [EnergyCarrier.NaturalGas] = "kgCO2/m3",
        [EnergyCarrier.Coal] = "kgCO2/kg",
        [EnergyCarrier.Heat] = "kgCO2/GJ",
        [EnergyCarrier.Lpg] = "kgCO2/kg",
        [EnergyCarrier.Diesel] = "kgCO2/kg",
        [EnergyCarrier.Gasoline] = "kgCO2/kg",
        [EnergyCarrier.Other] = "kgCO2/kgce",
    };

    private const string GridUnit = "kgCO2/kWh";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Reads every <c>*.json</c> file of <paramref name="directory"/>; the tables must not overlap in years.</summary>
    public static IReadOnlyList<FactorTableFile> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new FactorTableException([string.Format(Strings.FactorDirectoryMissing, directory)]);
        }

        var problems = new List<string>();
        var tables = new List<FactorTableFile>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var text = File.ReadAllText(file);
                tables.Add(new FactorTableFile(Parse(text, file), text, Path.GetFileName(file)));
            }
            catch (FactorTableException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        if (problems.Count == 0 && tables.Count == 0)
        {
            problems.Add(string.Format(Strings.FactorDirectoryEmpty, directory));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(FactorTableSet.FindOverlaps(tables.Select(file => file.Table).ToArray()));
        }

        return problems.Count > 0 ? throw new FactorTableException(problems) : tables;
    }

    /// <summary>Parses one table; <paramref name="source"/> names the file in error messages.</summary>
    public static FactorTable Parse(string json, string source)
    {
        FactorTableDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<FactorTableDocument>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FactorTableException(
                [string.Format(Strings.FactorJsonInvalid, source, e.LineNumber + 1, e.Path, e.Message)]);
        }

        if (document is null)
        {
            throw new FactorTableException([string.Format(Strings.FactorJsonInvalid, source, 1, "$", "null")]);
        }

        var problems = new List<string>();
        void Problem(string path, string message) => problems.Add($"{source}: {path}: {message}");

        if (string.IsNullOrWhiteSpace(document.Id))
        {
            Problem("$.id", Strings.FactorIdMissing);
        }

        if (document.FirstYear < 1990 || document.LastYear > 2200 || document.FirstYear > document.LastYear)
        {
            Problem("$.firstYear", string.Format(Strings.FactorYearsInvalid, document.FirstYear, document.LastYear));
        }

        var basis = document.ElectricityBasis switch
        {
            "equivalent" => ElectricityBasis.Equivalent,
            "generation" => ElectricityBasis.Generation,
            _ => (ElectricityBasis?)null,
        };
        if (basis is null)
        {
            Problem("$.electricityBasis", string.Format(Strings.FactorBasisUnknown, document.ElectricityBasis));
        }

        var coal = ReadGroup(document.StandardCoal, "standardCoal", CoalUnits, Problem);
        var density = ReadGroup(document.Density, "density", DensityUnits, Problem);
        var co2 = ReadGroup(document.Co2, "co2", Co2Units, Problem);
        var grid = ReadGrid(document.Grid, Problem);

        if (basis is { } b && coal.TryGetValue(EnergyCarrier.Electricity, out var electricity))
        {
            var (low, high) = b == ElectricityBasis.Equivalent ? (0.10, 0.15) : (0.25, 0.40);
            if (electricity.Value < low || electricity.Value > high)
            {
                Problem("$.standardCoal.electricity.value",
                    string.Format(Strings.FactorBasisMismatch, electricity.Value, document.ElectricityBasis, low, high));
            }
        }

        if (problems.Count > 0)
        {
            throw new FactorTableException(problems);
        }

        return new FactorTable(
            document.Id.Trim(),
            document.Title.Zh,
            document.Title.En,
            document.FirstYear,
            document.LastYear,
            basis!.Value,
            coal,
            density,
            co2,
            grid,
            Hash(json));
    }

    /// <summary>The SHA-256 of the table's text, in hex: what a result records to name the exact table used.</summary>
    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static Dictionary<EnergyCarrier, FactorValue> ReadGroup(
        Dictionary<string, FactorValueDocument> group,
        string groupName,
        Dictionary<EnergyCarrier, string> expectedUnits,
        Action<string, string> problem)
    {
        var result = new Dictionary<EnergyCarrier, FactorValue>();
        foreach (var (key, value) in group)
        {
            var path = $"$.{groupName}.{key}";
            var carrier = expectedUnits.Keys.FirstOrDefault(candidate => CamelCase(candidate) == key, (EnergyCarrier)(-1));
            if (!expectedUnits.TryGetValue(carrier, out var unit))
            {
                problem(path, string.Format(Strings.FactorKeyUnknown, key, string.Join(", ", expectedUnits.Keys.Select(CamelCase))));
                continue;
            }

            if (ReadValue(value, unit, path, problem) is { } factor)
            {
                result[carrier] = factor;
            }
        }

        foreach (var missing in expectedUnits.Keys.Where(carrier => !result.ContainsKey(carrier) && !group.ContainsKey(CamelCase(carrier))))
        {
            problem($"$.{groupName}", string.Format(Strings.FactorKeyMissing, CamelCase(missing)));
        }

        return result;
    }

    private static Dictionary<string, FactorValue> ReadGrid(Dictionary<string, FactorValueDocument> grid, Action<string, string> problem)
    {
        var result = new Dictionary<string, FactorValue>(StringComparer.Ordinal);
        foreach (var (region, value) in grid)
        {
            if (ReadValue(value, GridUnit, $"$.grid.{region}", problem) is { } factor)
            {
                result[region] = factor;
            }
        }

        if (!grid.ContainsKey(FactorTable.NationalGrid))
        {
            problem("$.grid", string.Format(Strings.FactorKeyMissing, FactorTable.NationalGrid));
        }

        return result;
    }

    private static FactorValue? ReadValue(FactorValueDocument value, string unit, string path, Action<string, string> problem)
    {
        var ok = true;
        if (!string.Equals(value.Unit.Trim(), unit, StringComparison.Ordinal))
        {
            problem($"{path}.unit", string.Format(Strings.FactorUnitWrong, value.Unit, unit));
            ok = false;
        }

        if (!double.IsFinite(value.Value) || value.Value <= 0)
        {
            problem($"{path}.value", string.Format(Strings.FactorValueNotPositive, value.Value));
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(value.Source))
        {
            problem($"{path}.source", Strings.FactorSourceMissing);
            ok = false;
        }

        return ok ? new FactorValue(value.Value, unit, value.Source.Trim()) : null;
    }

    private static string CamelCase(EnergyCarrier carrier) => JsonNamingPolicy.CamelCase.ConvertName(carrier.ToString());

    private sealed record FactorTableDocument(
        string Id,
        TitleDocument Title,
        int FirstYear,
        int LastYear,
        string ElectricityBasis,
        Dictionary<string, FactorValueDocument> StandardCoal,
        Dictionary<string, FactorValueDocument> Density,
        Dictionary<string, FactorValueDocument> Co2,
        Dictionary<string, FactorValueDocument> Grid,
        string? Note = null)
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; init; }
    }

    private sealed record TitleDocument(string Zh, string En);

    private sealed record FactorValueDocument(double Value, string Unit, string Source);
}
