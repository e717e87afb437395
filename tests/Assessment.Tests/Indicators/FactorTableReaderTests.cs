using Assessment.Indicators;
using Assessment.Tests.Support;

namespace Assessment.Tests.Indicators;

public sealed class FactorTableReaderTests
{
    [Fact]
    public void The_shipped_tables_cover_every_year_from_2016_to_2030_once()
    {
        var tables = new FactorTableSet(FactorTableReader.ReadDirectory(Repository.Factors).Select(file => file.Table).ToArray());

        foreach (var year in Enumerable.Range(2016, 15))
        {
            Assert.NotNull(tables.Find(year));
        }

        Assert.Equal(0.1229, tables.For(2020).Kgce(EnergyCarrier.Electricity));
        Assert.Equal(ElectricityBasis.Equivalent, tables.For(2024).ElectricityBasis);
        Assert.Equal(0.5366, tables.For(2022).GridFactor("northwest")); // no regional value for 2022: national
        Assert.Equal(0.5543, tables.For(2023).GridFactor("northwest"));
        Assert.Null(tables.Find(2015));
    }

    [Fact]
    public void Every_shipped_value_names_its_source()
    {
        foreach (var file in FactorTableReader.ReadDirectory(Repository.Factors))
        {
            var values = file.Table.StandardCoal.Values.Concat(file.Table.DensityKgPerL.Values).Concat(file.Table.Co2.Values)
                .Concat(file.Table.GridKgCo2PerKwh.Values);
            Assert.All(values, value => Assert.False(string.IsNullOrWhiteSpace(value.Source)));
        }
    }

    [Fact]
    public void A_year_without_a_table_is_an_error_that_says_what_to_do()
    {
        var tables = new FactorTableSet(FactorTableReader.ReadDirectory(Repository.Factors).Select(file => file.Table).ToArray());

        var error = Assert.Throws<FactorTableException>(() => tables.For(2010));

        Assert.Contains("2010", error.Message);
        Assert.Contains("rules/factors", error.Message);
    }

    [Theory]
    [InlineData("bad-unknown-field.json", "factor")]
    [InlineData("bad-wrong-unit.json", "$.standardCoal.coal.unit")]
    [InlineData("bad-missing-source.json", "$.co2.naturalGas.source")]
    [InlineData("bad-basis-mismatch.json", "$.standardCoal.electricity.value")]
    [InlineData("bad-no-national-grid.json", "national")]
    [InlineData("bad-json.json", "line 6")]
    public void A_broken_table_is_refused_naming_the_file_and_the_field(string fixture, string expected)
    {
        var path = Repository.Fixture("factors", fixture);

        var error = Assert.Throws<FactorTableException>(() => FactorTableReader.Parse(File.ReadAllText(path), path));

        Assert.Contains(fixture, error.Message);
        Assert.Contains(expected, error.Message.Replace("第 6 行", "line 6"));
    }

    [Fact]
    public void Every_problem_of_a_table_is_reported_at_once()
    {
        var path = Repository.Fixture("factors", "bad-missing-and-unknown-energy.json");

        var error = Assert.Throws<FactorTableException>(() => FactorTableReader.Parse(File.ReadAllText(path), path));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, problem => problem.Contains("$.density.kerosene"));
        Assert.Contains(error.Problems, problem => problem.Contains("$.co2") && problem.Contains("lpg"));
    }

    [Fact]
    public void Tables_whose_years_overlap_are_refused_together()
    {
        using var folder = new TempDatabase();
        var factors = Path.Combine(folder.Folder, "factors");
        Directory.CreateDirectory(factors);
        File.Copy(Path.Combine(Repository.Factors, "cn-2022.json"), Path.Combine(factors, "a.json"));
        File.WriteAllText(Path.Combine(factors, "b.json"),
            File.ReadAllText(Path.Combine(Repository.Factors, "cn-2023.json")).Replace("\"firstYear\": 2023", "\"firstYear\": 2022"));

        var error = Assert.Throws<FactorTableException>(() => FactorTableReader.ReadDirectory(factors));

        Assert.Contains("cn-2022", error.Message);
        Assert.Contains("cn-2023", error.Message);
    }
}
