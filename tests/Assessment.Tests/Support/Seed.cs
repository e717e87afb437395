using Assessment.Data;
using Assessment.Domain;

namespace Assessment.Tests.Support;

/// <summary>Small, hand-made organisations for tests that need a few rows, not a demo.</summary>
public static class Seed
{
    public static readonly County Changji = new("652301", "昌吉市", CountyKind.County, "northwest");
    public static readonly County Direct = new("652300", "州直", CountyKind.PrefectureDirect, "northwest");

    public static Institution Office(string code = "A001", double area = 10_000, int users = 200) =>
        new(code, "昌吉市财政局", Changji.Code, InstitutionCategory.Organ, area, users, false);

    /// <summary>Applies the schema, loads the shipped factor tables and adds two counties.</summary>
    public static async Task<Database> InitAsync(Database database, params Institution[] institutions)
    {
        await DatabaseSetup.InitAsync(database, Repository.Factors, "测试州", FixedClock.Default, ruleSets: []);
        await using var session = await database.OpenAsync();
        await new CountyRepository(session).UpsertAsync([Changji, Direct]);
        if (institutions.Length > 0)
        {
            await new InstitutionRepository(session).UpsertAsync(institutions, null, FixedClock.Default.GetUtcNow().UtcDateTime);
        }

        return database;
    }

    /// <summary>Stores twelve months of the same quantities for <paramref name="code"/> in <paramref name="year"/>.</summary>
    public static async Task MonthsAsync(Database database, string code, int year, ConsumptionQuantities perMonth, int months = 12)
    {
        await using var session = await database.OpenAsync();
        await session.BeginAsync(default);
        await new ConsumptionRepository(session).InsertManyAsync(Enumerable.Range(1, months).Select(month => perMonth.ToMonthly(code, year, month)));
        await session.CommitAsync(default);
    }

    /// <summary>Quantities with only the named ones set.</summary>
    public static ConsumptionQuantities Quantities(
        double electricityKwh = 0, double waterM3 = 0, double naturalGasM3 = 0, double coalT = 0, double heatGj = 0, double lpgKg = 0,
        double dieselL = 0, double vehicleGasolineL = 0, double vehicleDieselL = 0, double pvKwh = 0, double otherKgce = 0) =>
        new(electricityKwh, waterM3, naturalGasM3, coalT, heatGj, lpgKg, dieselL, vehicleGasolineL, vehicleDieselL, pvKwh, otherKgce);
}
