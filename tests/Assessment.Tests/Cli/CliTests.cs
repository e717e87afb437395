using System.Diagnostics;
using System.Text.Json;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;

namespace Assessment.Tests.Cli;

[Collection(DemoCollection.Name)]
public sealed class CliTests(DemoFixture demo)
{
    private static readonly string[] PublicFields =
    [
        "code", "name", "county", "category", "year", "energyKgce", "vehicleFuelKgce", "energyPerCapita", "energyPerArea", "waterM3",
        "waterPerCapita", "co2Tonnes", "co2PerArea", "changeVsBaseline", "changeVsPrevious", "monthsReported",
    ];

    [Theory]
    [InlineData("institution", 941)]
    [InlineData("county", 8)]
    [InlineData("category", 6)]
    [InlineData("prefecture", 1)]
    public async Task The_json_of_indicators_has_the_public_fields_at_every_level(string level, int rows)
    {
        var run = await Cli.RunAsync("indicators", "--year", "2024", "--level", level, "--format", "json", "--db", demo.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(rows, json.RootElement.GetArrayLength());
        foreach (var row in json.RootElement.EnumerateArray())
        {
            Assert.All(PublicFields, field => Assert.True(row.TryGetProperty(field, out _), $"{field} is missing"));
            Assert.Equal(2024, row.GetProperty("year").GetInt32());
            Assert.Equal(2020, row.GetProperty("changeVsBaseline").GetProperty("referenceYear").GetInt32());
            Assert.Equal(2023, row.GetProperty("changeVsPrevious").GetProperty("referenceYear").GetInt32());
        }
    }

    [Fact]
    public async Task Indicators_filter_by_county_and_category_and_write_csv_with_a_header()
    {
        var run = await Cli.RunAsync("indicators", "--year", "2020", "--county", "昌吉市", "--category", "教育", "--format", "csv", "--db", demo.Path);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.TrimEnd().Split('\n');
        Assert.StartsWith("level,code,name,county,countyCode,category,year,energyKgce", lines[0]);
        Assert.Contains("changeVsBaseline.energyPerArea", lines[0]);
        Assert.True(lines.Length > 2);
        Assert.All(lines.Skip(1), line => Assert.Contains(",昌吉市,652301,education,2020,", line));
    }

    [Fact]
    public async Task The_table_speaks_chinese_by_default_and_english_on_request()
    {
        var chinese = await Cli.RunAsync("indicators", "--year", "2020", "--level", "county", "--db", demo.Path);
        var english = await Cli.RunAsync("indicators", "--year", "2020", "--level", "county", "--db", demo.Path, "--lang", "en");

        Assert.Contains("人均综合能耗", chinese.Output);
        Assert.Contains("阜康市", chinese.Output);
        Assert.Contains("Energy per capita", english.Output);
        Assert.DoesNotContain("人均综合能耗", english.Output);
    }

    [Theory]
    [InlineData("--year", "2024x")]
    [InlineData("--year", "1800")]
    public async Task A_year_that_is_not_one_is_refused_in_plain_words(string option, string value)
    {
        var run = await Cli.RunAsync("indicators", option, value, "--db", demo.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"“{value}”", run.Error);
        Assert.DoesNotContain("Nullable", run.Error);
        Assert.DoesNotContain("Usage", run.Output);
    }

    [Theory]
    [InlineData("rank", "json")]
    [InlineData("rank", "csv")]
    [InlineData("indicators", "json")]
    [InlineData("indicators", "csv")]
    public async Task A_file_named_with_o_holds_what_standard_output_shows(string command, string format)
    {
        using var temp = new TempDatabase();
        var path = temp.File($"out.{format}");

        var shown = await Cli.RunAsync(command, "--year", "2024", "--format", format, "--db", demo.Path);
        var written = await Cli.RunAsync(command, "--year", "2024", "--format", format, "-o", path, "--db", demo.Path);

        Assert.Equal((0, ""), (written.ExitCode, written.Error));
        Assert.Equal(shown.Output, await File.ReadAllTextAsync(path));
        Assert.Equal(format == "csv", (await File.ReadAllBytesAsync(path)).AsSpan().StartsWith("\uFEFF"u8)); // a byte-order mark for Excel
    }

    [Fact]
    public async Task Writing_into_a_folder_that_does_not_exist_is_refused_before_any_work()
    {
        var run = await Cli.RunAsync("indicators", "--year", "2024", "--format", "json", "-o", "/nonexistent/folder/x.json", "--db", demo.Path, "--lang=en");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The folder /nonexistent/folder does not exist", run.Error);
    }

    [Fact]
    public async Task A_missing_database_is_an_error_on_stderr_that_says_what_to_do()
    {
        using var temp = new TempDatabase();

        var run = await Cli.RunAsync("indicators", "--year", "2020", "--db", temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("assessment init", run.Error);
        Assert.False(File.Exists(temp.Path)); // nothing was created
    }

    [Fact]
    public async Task Init_then_import_then_indicators_works_on_a_new_database()
    {
        using var temp = new TempDatabase();
        File.WriteAllText(temp.File("counties.csv"), "code,name,kind,grid_region\n652301,昌吉市,county,northwest\n");
        File.WriteAllText(temp.File("institutions.csv"), "code,name,county,category,building_area_m2,users,key_unit\nA001,昌吉市财政局,昌吉市,organ,1000,50,否\n");
        File.WriteAllText(temp.File("consumption.csv"),
            "code,year,month,electricity_kwh,water_m3,natural_gas_m3,coal_t,heat_gj,lpg_kg,diesel_l,vehicle_gasoline_l,vehicle_diesel_l,pv_kwh,other_kgce\n" +
            string.Concat(Enumerable.Range(1, 12).Select(month => $"A001,2024,{month},1000,40,0,0,0,0,0,0,0,0,0\n")));

        var init = await Cli.RunAsync("init", "--db", temp.Path, "--factors", Repository.Factors, "--prefecture", "测试州");
        var counties = await Cli.RunAsync("import", "counties", temp.File("counties.csv"), "--db", temp.Path);
        var institutions = await Cli.RunAsync("import", "institutions", temp.File("institutions.csv"), "--db", temp.Path);
        var consumption = await Cli.RunAsync("import", "consumption", temp.File("consumption.csv"), "--db", temp.Path);
        var indicators = await Cli.RunAsync("indicators", "--year", "2024", "--level", "prefecture", "--format", "json", "--db", temp.Path);

        Assert.Equal([0, 0, 0, 0, 0], new[] { init, counties, institutions, consumption, indicators }.Select(run => run.ExitCode));
        Assert.Contains("cn-2023", init.Output);
        Assert.Contains("12", consumption.Output);
        var row = JsonDocument.Parse(indicators.Output).RootElement[0];
        Assert.Equal("测试州", row.GetProperty("name").GetString());
        Assert.Equal(12 * 1000 * 0.1229 / 1000, row.GetProperty("energyPerArea").GetDouble(), 9); // 1 474.8 kgce over 1 000 m²
        Assert.Equal(12 * 40 / 50.0, row.GetProperty("waterPerCapita").GetDouble(), 9);
    }

    [Fact]
    public async Task A_refused_import_lists_its_errors_on_stderr_and_exits_non_zero()
    {
        using var temp = new TempDatabase();
        await Seed.InitAsync(temp.Database, Seed.Office());
        File.WriteAllText(temp.File("bad.csv"),
            "code,year,month,electricity_kwh,water_m3,natural_gas_m3,coal_t,heat_gj,lpg_kg,diesel_l,vehicle_gasoline_l,vehicle_diesel_l,pv_kwh,other_kgce\n" +
            "A001,2024,0,1000,40,0,0,0,0,0,0,0,0,0\nB404,2024,1,1000,40,0,0,0,0,0,0,0,0,0\n");

        var run = await Cli.RunAsync("import", "consumption", temp.File("bad.csv"), "--db", temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("bad.csv:2 [month] \"0\"", run.Error);
        Assert.Contains("bad.csv:3 [code] \"B404\"", run.Error);
    }

    [Fact]
    public async Task The_demo_refuses_to_replace_real_data_unless_forced()
    {
        using var temp = new TempDatabase();
        await Seed.InitAsync(temp.Database, Seed.Office());

        var refused = await Cli.RunAsync("demo", "--institutions", "10", "--db", temp.Path, "--factors", Repository.Factors);
        var forced = await Cli.RunAsync("demo", "--institutions", "10", "--db", temp.Path, "--factors", Repository.Factors, "--force");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Error);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("501.14", forced.Output);
    }

    [Fact]
    public async Task The_installed_command_runs_as_its_own_process()
    {
        using var temp = new TempDatabase();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "assessment.dll"), "indicators", "--year", "2020", "--db", temp.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("assessment init", error);
    }

    private static readonly string[] ResultFields =
    [
        "code", "name", "county", "category", "year", "score", "maxScore", "grade", "vetoed", "items", "demonstrations", "penalties",
        "incentives", "rank", "rankInCategory", "rankInCounty",
    ];

    [Fact]
    public async Task Rank_as_json_has_the_public_fields_and_items_with_their_maxima()
    {
        var run = await Cli.RunAsync("rank", "--year", "2025", "--format", "json", "--db", demo.Path);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(941, json.RootElement.GetArrayLength());
        var first = json.RootElement[0];
        Assert.All(ResultFields, field => Assert.True(first.TryGetProperty(field, out _), $"{field} is missing"));
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        var item = first.GetProperty("items")[0];
        Assert.All(new[] { "rule", "label", "points", "maxPoints" }, field => Assert.True(item.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task Rank_filters_by_category_and_county_and_writes_xlsx()
    {
        using var temp = new TempDatabase();
        var xlsx = temp.File("rank.xlsx");

        var table = await Cli.RunAsync("rank", "--year", "2025", "--category", "卫生", "--county", "昌吉市", "--db", demo.Path);
        var file = await Cli.RunAsync("rank", "--year", "2025", "--level", "county", "--format", "xlsx", "-o", xlsx, "--db", demo.Path);

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("昌吉市", table.Output);
        Assert.DoesNotContain("阜康市", table.Output);
        Assert.Equal(0, file.ExitCode);
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object>>().ToArray();
        Assert.Equal(8, rows.Length);
        Assert.Equal(1.0, Convert.ToDouble(rows[0]["rank"]));
    }

    [Fact]
    public async Task Explain_lists_every_item_with_chinese_labels_and_input_values()
    {
        var code = JsonDocument.Parse((await Cli.RunAsync("rank", "--year", "2025", "--format", "json", "--top", "1", "--db", demo.Path)).Output)
            .RootElement[0].GetProperty("code").GetString()!;

        var run = await Cli.RunAsync("explain", "--year", "2025", "--code", code, "--db", demo.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(code, run.Output);
        Assert.Contains("单位建筑面积能耗定额", run.Output);
        Assert.Contains("定额 · 单位建筑面积能耗 · 引导值", run.Output);
        Assert.Contains("[i.EnergyPerArea]", run.Output);
        Assert.DoesNotContain("有变化", run.Output);
    }

    [Fact]
    public async Task Rules_validate_passes_the_shipped_sets_and_fails_a_broken_one_on_stderr()
    {
        var good = await Cli.RunAsync("rules", "validate", Path.Combine(Repository.Root, "rules"));
        var bad = await Cli.RunAsync("rules", "validate", Repository.Fixture("rules", "bad-unknown-function.json"));
        var test = await Cli.RunAsync("rules", "test", Path.Combine(Repository.Root, "rules", "grading.json"));

        Assert.Equal(0, good.ExitCode);
        Assert.Equal(10, good.Output.Split('\n').Count(line => line.Contains("grading") || line.Contains(".json")));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("quota-energy-per-area", bad.Error);
        Assert.Equal(0, test.ExitCode);
        Assert.Contains("99 分但能耗较基准年上升 4%", test.Output);
    }

    [Fact]
    public async Task Assess_stores_a_run_and_simulate_reports_without_storing()
    {
        using var temp = new TempDatabase();
        demo.CopyTo(temp);

        var assess = await Cli.RunAsync("assess", "--year", "2024", "--db", temp.Path);
        var reproduce = await Cli.RunAsync("assess", "--year", "2024", "--reproduce", "--db", temp.Path);
        var simulate = await Cli.RunAsync("rules", "simulate", Repository.Fixture("rules", "institution-assessment-2025.json"), "--year", "2025", "--db", temp.Path);

        Assert.Equal(0, assess.ExitCode);
        Assert.Contains("2024", assess.Output);
        Assert.Equal(0, reproduce.ExitCode);
        Assert.Contains("949", reproduce.Output); // 941 institutions and 8 counties, all identical
        Assert.DoesNotContain("不一致", reproduce.Error);
        Assert.Equal(0, simulate.ExitCode);
        Assert.Contains("institution-assessment@", simulate.Output);
    }

    [Fact]
    public async Task Simulate_with_watch_simulates_again_on_every_save_on_the_year_it_read_once()
    {
        using var temp = new TempDatabase();
        demo.CopyTo(temp);
        var draft = Path.Combine(temp.Folder, "draft.json");
        var text = File.ReadAllText(Repository.Fixture("rules", "institution-assessment-2025.json"));
        File.WriteAllText(draft, text);
        var output = new SharedWriter();
        var error = new SharedWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = Assessment.Cli.CliApp.RunAsync(["rules", "simulate", draft, "--year", "2025", "--watch", "--db", temp.Path], output, error,
            FixedClock.Default, cancellationToken: stop.Token);

        await output.WaitForAsync("正在监视", 1, run);
        Assert.Contains("另读取该年数据并按现行规则考核用时", output.Text); // the first answer reads the year

        // Saved with the energy-per-area guide 5 % stricter: answered on the year already read.
        File.WriteAllText(draft, text.Replace("q.EnergyPerArea.Guide, q.EnergyPerArea.Constraint", "q.EnergyPerArea.Guide * 0.95, q.EnergyPerArea.Constraint",
            StringComparison.Ordinal));
        await output.WaitForAsync("正在监视", 2, run);
        var second = output.Text[output.Text.IndexOf("正在监视", StringComparison.Ordinal)..];
        Assert.Contains("沿用", second);
        Assert.DoesNotContain("等级变化 0，排名变化 0", second);

        // A broken save is reported and the watch goes on.
        File.WriteAllText(draft, "{ not json");
        await output.WaitForAsync("正在监视", 3, run);
        Assert.Contains("draft.json", error.Text);

        await stop.CancelAsync();
        Assert.Equal(0, await run);
    }

    [Fact]
    public async Task Simulate_refuses_a_folder_and_watch_refuses_a_missing_file_at_the_start()
    {
        using var temp = new TempDatabase();
        demo.CopyTo(temp);
        var folder = await Cli.RunAsync("rules", "simulate", Path.Combine(Repository.Root, "rules"), "--year", "2025", "--db", temp.Path);
        var missing = await Cli.RunAsync("rules", "simulate", Path.Combine(temp.Folder, "nowhere.json"), "--year", "2025", "--watch", "--db", temp.Path);

        Assert.Equal(1, folder.ExitCode);
        Assert.Contains("是文件夹", folder.Error);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nowhere.json", missing.Error);
    }
}
