namespace Assessment.Domain;

/// <summary>The quantities of the monthly consumption form, in the order of <see cref="ConsumptionQuantities"/>.</summary>
public static class ConsumptionFields
{
    /// <summary>All fields, in form order.</summary>
    public static IReadOnlyList<ConsumptionField> All { get; } =
    [
        new("electricity_kwh", "kWh", q => q.ElectricityKwh),
        new("water_m3", "m3", q => q.WaterM3),
        new("natural_gas_m3", "m3", q => q.NaturalGasM3),
        new("coal_t", "t", q => q.CoalT),
        new("heat_gj", "GJ", q => q.HeatGj),
        new("lpg_kg", "kg", q => q.LpgKg),
        new("diesel_l", "L", q => q.DieselL),
        new("vehicle_gasoline_l", "L", q => q.VehicleGasolineL),
        new("vehicle_diesel_l", "L", q => q.VehicleDieselL),
        new("pv_kwh", "kWh", q => q.PvKwh),
        new("other_kgce", "kgce", q => q.OtherKgce),
    ];

    /// <summary>Builds quantities from values given in the order of <see cref="All"/>.</summary>
    public static ConsumptionQuantities FromValues(IReadOnlyList<double> values) =>
        values.Count != All.Count
            ? throw new ArgumentException($"Expected {All.Count} values, got {values.Count}.", nameof(values))
            : new ConsumptionQuantities(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
                values[8], values[9], values[10]);

    /// <summary>The month's record with these quantities.</summary>
    public static MonthlyConsumption ToMonthly(this ConsumptionQuantities q, string code, int year, int month) => new(code, year, month, q);
}
