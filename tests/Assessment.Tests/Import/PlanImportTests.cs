using Assessment.Data;
using Assessment.Domain;
using Assessment.Import;
using Assessment.Tests.Support;

namespace Assessment.Tests.Import;

public sealed class PlanImportTests : IDisposable
{
    private readonly TempDatabase _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<ImportResult> ImportAsync(ImportKind kind, string text)
    {
        await Seed.InitAsync(_temp.Database, Seed.Office());
        File.WriteAllText(_temp.File("file.csv"), text);
        return await new Importer(_temp.Database, FixedClock.Default).ImportAsync(kind, _temp.File("file.csv"), new ImportOptions());
    }

    [Fact]
    public async Task Declines_are_read_as_percentages_or_fractions_and_caps_are_optional()
    {
        var result = await ImportAsync(ImportKind.Targets, """
            scope,scope_code,baseline_year,target_year,energy_per_area_decline,energy_per_capita_decline,water_per_capita_decline,co2_per_area_decline,energy_cap_tce
            prefecture,,2020,2025,5%,0.06,６％,,240000
            institution,A001,2020,2025,6%,7%,,,
            """);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        await using var session = await _temp.Database.OpenAsync();
        var plans = (await new TargetRepository(session).ListAsync()).ToDictionary(plan => plan.Scope);
        Assert.Equal(new TargetPlan(TargetScope.Prefecture, "prefecture", 2020, 2025, 0.05, 0.06, 0.06, null, 240_000, null, null, null),
            plans[TargetScope.Prefecture]);
        Assert.Equal(("A001", 0.06, 0.07), (plans[TargetScope.Institution].ScopeCode, plans[TargetScope.Institution].EnergyPerAreaDecline!.Value, plans[TargetScope.Institution].EnergyPerCapitaDecline!.Value));
    }

    [Fact]
    public async Task A_bare_decline_above_one_an_unknown_scope_code_and_backwards_years_are_refused()
    {
        var result = await ImportAsync(ImportKind.Targets, """
            scope,scope_code,baseline_year,target_year,energy_per_area_decline
            county,999999,2020,2025,5%
            prefecture,,2020,2025,5
            prefecture,,2025,2020,5%
            region,,2020,2025,5%
            """);

        Assert.Equal([(2, "scope_code"), (3, "energy_per_area_decline"), (4, "target_year"), (5, "scope")],
            result.Errors.Select(error => (error.Line, error.Column)));
    }

    [Fact]
    public async Task Quotas_must_keep_guide_below_baseline_below_constraint()
    {
        var result = await ImportAsync(ImportKind.Quotas, """
            category,indicator,first_year,constraint_value,baseline_value,guide_value,source
            organ,energy-per-area,2021,20,11.9,6.5,标准
            health,人均用水,2021,20,25,6.5,标准
            education,热值,2021,20,11.9,6.5,标准
            """);

        Assert.Equal([(3, "guide_value"), (4, "indicator")], result.Errors.Select(error => (error.Line, error.Column)));
        await using var session = await _temp.Database.OpenAsync();
        Assert.Empty(await new QuotaRepository(session).ListAsync());
    }

    [Fact]
    public async Task A_quota_imported_again_replaces_the_stored_one()
    {
        var first = await ImportAsync(ImportKind.Quotas, "category,indicator,first_year,constraint_value,guide_value,source\norgan,energy-per-area,2021,20,6.5,a\n");
        File.WriteAllText(_temp.File("again.csv"), "category,indicator,first_year,constraint_value,guide_value,source\norgan,energy-per-area,2021,19,6.5,b\n");
        var second = await new Importer(_temp.Database, FixedClock.Default).ImportAsync(ImportKind.Quotas, _temp.File("again.csv"), new ImportOptions());

        Assert.Equal(new ImportCounts(1, 0, 0), first.Counts);
        Assert.Equal(new ImportCounts(0, 1, 0), second.Counts);
        await using var session = await _temp.Database.OpenAsync();
        Assert.Equal(19, Assert.Single(await new QuotaRepository(session).ListAsync()).ConstraintValue);
        Assert.Equal(InstitutionCategory.Organ, (await new QuotaRepository(session).ListAsync())[0].Category);
    }

    [Fact]
    public async Task A_checklist_item_that_is_not_in_the_vocabulary_is_refused()
    {
        var result = await ImportAsync(ImportKind.Checklist, "code,year,item,points\nA001,2024,metering,5\nA001,2024,meterng,5\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "item", "meterng"), (error.Line, error.Column, error.Value));
        Assert.Contains("metering", error.Reason);
    }
}
