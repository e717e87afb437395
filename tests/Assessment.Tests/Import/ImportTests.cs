using System.Text;
using Assessment.Data;
using Assessment.Import;
using Assessment.Tests.Support;
using MiniExcelLibs;

namespace Assessment.Tests.Import;

public sealed class ImportTests : IDisposable
{
    private const string EnglishHeader =
        "code,year,month,electricity_kwh,water_m3,natural_gas_m3,coal_t,heat_gj,lpg_kg,diesel_l,vehicle_gasoline_l,vehicle_diesel_l,pv_kwh,other_kgce";

    private readonly TempDatabase _temp = new();

    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => _temp.Dispose();

    private Importer Importer => new(_temp.Database, FixedClock.Default);

    private async Task<Database> InitAsync() => await Seed.InitAsync(_temp.Database, Seed.Office("A001"), Seed.Office("A002"));

    private string Write(string name, string text, Encoding? encoding = null)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    private async Task<int> ConsumptionRowsAsync()
    {
        await using var session = await _temp.Database.OpenAsync();
        return (await new ConsumptionRepository(session).SumsAsync([2023, 2024])).Sum(sum => sum.MonthsReported);
    }

    [Fact]
    public async Task Institutions_with_english_headers_are_added()
    {
        await Seed.InitAsync(_temp.Database);
        var path = Write("institutions.csv", """
            code,name,county,category,building_area_m2,users,key_unit
            B001,昌吉市第一中学,昌吉市,education,"12,500",1800,是
            B002,州人民医院,652300,卫生,30000,900,1
            B003,州图书馆,州直,文化体育场馆,8000.5,60,
            """);

        var result = await Importer.ImportAsync(ImportKind.Institutions, path, new ImportOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ImportCounts(3, 0, 0), result.Counts);
        await using var session = await _temp.Database.OpenAsync();
        var stored = (await new InstitutionRepository(session).ListAsync()).ToDictionary(institution => institution.Code);
        Assert.Equal(12_500, stored["B001"].BuildingAreaM2);
        Assert.True(stored["B002"].KeyUnit);
        Assert.Equal("652300", stored["B003"].CountyCode);
        Assert.Equal(Domain.InstitutionCategory.CultureSports, stored["B003"].Category);
        Assert.False(stored["B003"].KeyUnit);
        Assert.Empty(await new InstitutionRepository(session).ListYearsAsync()); // no year given: master record only
    }

    [Fact]
    public async Task Institutions_with_a_year_also_record_that_year_area_and_users()
    {
        await Seed.InitAsync(_temp.Database);
        var path = Write("institutions.csv", """
            单位编码,单位名称,所属县市,单位类别,建筑面积（m²）,用能人数（人）,重点用能单位,年度
            B001,昌吉市第一中学,昌吉市,教育,12500,1800,否,2024
            """);

        var result = await Importer.ImportAsync(ImportKind.Institutions, path, new ImportOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        await using var session = await _temp.Database.OpenAsync();
        Assert.Equal([new Domain.InstitutionYear("B001", 2024, 12_500, 1800)], await new InstitutionRepository(session).ListYearsAsync());
    }

    [Fact]
    public async Task A_file_without_the_key_unit_column_keeps_the_stored_flag()
    {
        await Seed.InitAsync(_temp.Database, Seed.Office() with { KeyUnit = true });
        var path = Write("institutions.csv", "code,name,county,category,building_area_m2,users\nA001,昌吉市财政局,昌吉市,organ,11000,210\n");

        var result = await Importer.ImportAsync(ImportKind.Institutions, path, new ImportOptions());

        Assert.Equal(new ImportCounts(0, 1, 0), result.Counts);
        await using var session = await _temp.Database.OpenAsync();
        var stored = Assert.Single(await new InstitutionRepository(session).ListAsync());
        Assert.Equal((11_000.0, 210, true), (stored.BuildingAreaM2, stored.Users, stored.KeyUnit));
    }

    [Fact]
    public async Task Consumption_saved_by_chinese_excel_in_gb18030_with_chinese_headers_is_read()
    {
        await InitAsync();
        var path = Write("能耗.csv", """
            单位编码,年,月,电（kWh）,水（m³）,天然气（m³）,煤（t）,热力（GJ）,液化石油气（kg）,柴油（L）,公务用车汽油（L）,公务用车柴油（L）,光伏发电（kWh）,其他能源（kgce）
            A001,2024,1,12000,300,500,0,800,0,0,400,0,0,0
            A001,2024,2,11000,280,450,,760,,,380,,,
            """, Encoding.GetEncoding("GB18030"));

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(new ImportCounts(2, 0, 0), result.Counts);
        await using var session = await _temp.Database.OpenAsync();
        var february = (await new ConsumptionRepository(session).ListYearAsync(2024)).Single(row => row.Month == 2);
        Assert.Equal((11000.0, 760.0, 380.0, 0.0), (february.Quantities.ElectricityKwh, february.Quantities.HeatGj, february.Quantities.VehicleGasolineL, february.Quantities.CoalT));
    }

    [Fact]
    public async Task A_workbook_with_a_title_row_above_the_header_is_read()
    {
        await InitAsync();
        var path = _temp.File("consumption.xlsx");
        var header = EnglishHeader.Split(',');
        var rows = new List<Dictionary<string, object?>>
        {
            Row(header, ["2024年1月公共机构能耗统计表"]),
            Row(header, header),
            Row(header, ["A001", 2024, 1, 12000.5, 300, 0, 1.25, 0, 0, 0, 400, 0, 0, 0]),
            Row(header, ["A002", 2024, 1, 8000, 200, 0, 0, 500, 10, 0, 0, 50, 120, 3]),
        };
        MiniExcel.SaveAs(path, rows, printHeader: false);

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Counts!.Inserted);
        await using var session = await _temp.Database.OpenAsync();
        var a001 = (await new ConsumptionRepository(session).ListYearAsync(2024)).Single(row => row.Code == "A001");
        Assert.Equal((12000.5, 1.25), (a001.Quantities.ElectricityKwh, a001.Quantities.CoalT));
    }

    [Fact]
    public async Task A_file_with_bad_rows_writes_nothing_and_names_every_bad_cell()
    {
        await InitAsync();
        var path = Write("bad.csv", $"""
            {EnglishHeader}
            A001,2024,1,1000,10,0,0,0,0,0,0,0,0,0
            X999,2024,2,1000,10,0,0,0,0,0,0,0,0,0
            A001,2024,3,-5,10,0,0,0,0,0,0,0,0,0
            A001,2024,4,abc,10,0,0,0,0,0,0,0,0,0
            A001,2024,13,1000,10,0,0,0,0,0,0,0,0,0
            A001,2024,1,1000,10,0,0,0,0,0,0,0,0,0
            A002,2024,1,1000,10,0,0,0,0,0,0,0,0,0
            """);

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.False(result.Succeeded);
        Assert.Null(result.Counts);
        Assert.Equal(
            [(3, "code", "X999"), (4, "electricity_kwh", "-5"), (5, "electricity_kwh", "abc"), (6, "month", "13"), (7, "month", "A001 2024-01")],
            result.Errors.Select(error => (error.Line, error.Column, error.Value)));
        Assert.All(result.Errors, error => Assert.Equal("bad.csv", error.File));
        Assert.Contains("2", result.Errors[^1].Reason); // names the first line of the duplicate
        Assert.Equal(0, await ConsumptionRowsAsync());
        await using var session = await _temp.Database.OpenAsync();
        Assert.Equal(0, await new ImportLogRepository(session).CountAsync());
    }

    [Fact]
    public async Task A_row_with_more_or_fewer_fields_than_the_header_is_refused_not_shifted()
    {
        await InitAsync();
        var path = Write("width.csv", $"""
            {EnglishHeader}
            A001,2024,1,12,500,5,0,0,0,0,0,0,0,0,0
            A001,2024,2,100
            A001,2024,3,1000,10,0,0,0,0,0,0,0,0,0,,
            """.Replace(EnglishHeader, EnglishHeader + ",,"));

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.Equal([(2, "15"), (3, "4")], result.Errors.Select(error => (error.Line, error.Value)));
        Assert.Contains("14", result.Errors[0].Reason);
        Assert.Equal(0, await ConsumptionRowsAsync());
    }

    [Fact]
    public async Task A_duplicate_is_reported_in_the_same_run_as_the_row_other_errors()
    {
        await InitAsync();
        var path = Write("dup.csv", $"""
            {EnglishHeader}
            A001,2024,1,1000,10,0,0,0,0,0,0,0,0,0
            A001,2024,1,-1,10,0,0,0,0,0,0,0,0,0
            """);

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.Equal([(3, "electricity_kwh"), (3, "month")], result.Errors.Select(error => (error.Line, error.Column)));
    }

    [Fact]
    public async Task Headers_whose_names_hold_brackets_are_not_mistaken_for_a_unit()
    {
        await InitAsync();
        var header = EnglishHeader.Replace("vehicle_gasoline_l", "汽油（公务用车）（L）").Replace("vehicle_diesel_l", "柴油（公务用车）")
            .Replace("diesel_l,", "柴油（非公务用车）,");
        var path = Write("brackets.csv", $"{header}\nA001,2024,1,1000,10,0,0,0,0,7,30,20,0,0\n");

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        await using var session = await _temp.Database.OpenAsync();
        var q = Assert.Single(await new ConsumptionRepository(session).ListYearAsync(2024)).Quantities;
        Assert.Equal((7.0, 30.0, 20.0), (q.DieselL, q.VehicleGasolineL, q.VehicleDieselL));
    }

    [Fact]
    public async Task Excel_unicode_text_tab_separated_utf16_is_read()
    {
        await InitAsync();
        var path = Write("unicode.txt", EnglishHeader.Replace(',', '\t') + "\nA001\t2024\t1\t1000\t10\t0\t0\t0\t0\t0\t0\t0\t0\t0\n", Encoding.Unicode);

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(1, await ConsumptionRowsAsync());
    }

    [Fact]
    public async Task A_county_on_a_grid_the_factor_tables_do_not_know_is_refused()
    {
        await InitAsync();
        var path = Write("counties.csv", "code,name,kind,grid_region\n652325,奇台县,county,西北\n652399,火星县,county,mars\n");

        var result = await Importer.ImportAsync(ImportKind.Counties, path, new ImportOptions());

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "mars"), (error.Line, error.Value));
        Assert.Contains("northwest", error.Reason);
    }

    [Fact]
    public async Task A_missing_column_is_named_and_nothing_is_written()
    {
        await InitAsync();
        var path = Write("short.csv", """
            code,year,month,electricity_kwh
            A001,2024,1,1000
            """);

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, error => error.Column == "water_m3" && error.Line == 1);
        Assert.Contains(result.Errors, error => error.Column == "other_kgce");
        Assert.Equal(0, await ConsumptionRowsAsync());
    }

    [Fact]
    public async Task A_header_stating_another_unit_is_refused()
    {
        await InitAsync();
        var path = Write("units.csv", EnglishHeader.Replace("coal_t", "煤 (kg)") + "\nA001,2024,1,1000,10,0,500,0,0,0,0,0,0,0\n");

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        var error = Assert.Single(result.Errors);
        Assert.Equal(("煤 (kg)", "kg"), (error.Column, error.Value));
        Assert.Contains("t", error.Reason);
    }

    [Fact]
    public async Task Unknown_and_repeated_columns_are_refused()
    {
        await InitAsync();
        var path = Write("columns.csv", EnglishHeader + ",electricity,备注,colour\nA001,2024,1,1000,10,0,0,0,0,0,0,0,0,0,5,ok,red\n");

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.Equal(["electricity", "colour"], result.Errors.Select(error => error.Column));
    }

    [Fact]
    public async Task Importing_a_month_again_replaces_it_and_keeps_the_replaced_values()
    {
        await InitAsync();
        var first = Write("m1.csv", $"{EnglishHeader}\nA001,2024,1,1000,10,0,0,0,0,0,0,0,0,0\nA001,2024,2,900,9,0,0,0,0,0,0,0,0,0\n");
        var second = Write("m2.csv", $"{EnglishHeader}\nA001,2024,1,1200,10,0,0,0,0,0,0,0,0,0\nA001,2024,2,900,9,0,0,0,0,0,0,0,0,0\nA001,2024,3,800,8,0,0,0,0,0,0,0,0,0\n");

        await Importer.ImportAsync(ImportKind.Consumption, first, new ImportOptions());
        var result = await Importer.ImportAsync(ImportKind.Consumption, second, new ImportOptions());

        Assert.Equal(new ImportCounts(1, 1, 1), result.Counts);
        await using var session = await _temp.Database.OpenAsync();
        var repository = new ConsumptionRepository(session);
        Assert.Equal(1200, (await repository.ListYearAsync(2024)).Single(row => row.Month == 1).Quantities.ElectricityKwh);
        Assert.Equal(1000, Assert.Single(await repository.HistoryAsync("A001", 2024, 1)).Quantities.ElectricityKwh);
        Assert.Equal(2, await new ImportLogRepository(session).CountAsync());
    }

    [Fact]
    public async Task Bad_institution_rows_name_the_county_category_and_area_problems()
    {
        await Seed.InitAsync(_temp.Database);
        var path = Write("institutions.csv", """
            code,name,county,category,building_area_m2,users,key_unit
            B001,某单位,火星县,education,1000,10,否
            B002,某单位,昌吉市,宇宙机构,1000,10,否
            B003,某单位,昌吉市,organ,0,10,也许
            ,某单位,昌吉市,organ,100,10.5,否
            """);

        var result = await Importer.ImportAsync(ImportKind.Institutions, path, new ImportOptions());

        Assert.Equal(
            [(2, "county"), (3, "category"), (4, "building_area_m2"), (4, "key_unit"), (5, "code"), (5, "users")],
            result.Errors.Select(error => (error.Line, error.Column)));
        await using var session = await _temp.Database.OpenAsync();
        Assert.Empty(await new InstitutionRepository(session).ListAsync());
    }

    [Theory]
    [InlineData("old.xls", "xlsx")]
    [InlineData("data.json", ".json")]
    public async Task A_file_of_another_kind_is_refused_with_what_to_do(string name, string expected)
    {
        await InitAsync();
        var path = Write(name, "whatever");

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        var error = Assert.Single(result.Errors);
        Assert.Equal((name, 0), (error.File, error.Line));
        Assert.Contains(expected, error.Reason);
    }

    [Fact]
    public async Task A_missing_file_and_a_broken_workbook_are_refused()
    {
        await InitAsync();
        var broken = Write("broken.xlsx", "this is not a zip file");

        var missing = await Importer.ImportAsync(ImportKind.Consumption, _temp.File("none.csv"), new ImportOptions());
        var unreadable = await Importer.ImportAsync(ImportKind.Consumption, broken, new ImportOptions());

        Assert.Contains("none.csv", Assert.Single(missing.Errors).Reason);
        Assert.Equal("broken.xlsx", Assert.Single(unreadable.Errors).File);
    }

    [Fact]
    public async Task A_gb18030_file_read_as_utf8_on_request_is_refused_not_garbled()
    {
        await InitAsync();
        var path = Write("gbk.csv", "单位编码,年,月\n", Encoding.GetEncoding("GB18030"));

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions(Encoding: "utf-8"));

        Assert.Contains("gb18030", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public async Task A_file_without_a_recognisable_header_says_which_column_it_looked_for()
    {
        await InitAsync();
        var path = Write("noheader.csv", "a,b,c\n1,2,3\n");

        var result = await Importer.ImportAsync(ImportKind.Consumption, path, new ImportOptions());

        Assert.Contains("单位编码", Assert.Single(result.Errors).Reason);
    }

    private static Dictionary<string, object?> Row(string[] header, object?[] values) =>
        header.Select((name, i) => (name, value: i < values.Length ? values[i] : null)).ToDictionary(pair => pair.name, pair => pair.value);
}
