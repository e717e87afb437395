using Assessment.Domain;

namespace Assessment.Demo;

/// <summary>A demo institution's fixed traits, drawn once; its yearly data is drawn from these and its own random streams.</summary>
internal sealed class DemoInstitution
{
    public required int Index { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required int County { get; init; }
    public required InstitutionCategory Category { get; init; }
    public bool KeyUnit { get; set; }

    /// <summary>Building area and users in 2020, before scaling to the prefecture's totals.</summary>
    public double AreaWeight { get; set; }
    public double UsersWeight { get; set; }
    public double Area2020 { get; set; }
    public int Users2020 { get; set; }

    /// <summary>A building added (or removed, when negative) in <see cref="AreaEventYear"/>; 0 for none.</summary>
    public int AreaEventYear { get; init; }
    public double AreaEventGrowth { get; init; }
    public double UsersDrift { get; init; }
    public int UsersJumpYear { get; init; }
    public double UsersJump { get; init; }

    /// <summary>Relative energy use per m², yearly trend, vehicle fuel per user and water per user.</summary>
    public double EnergyRate { get; init; }
    public double EnergyTrend { get; init; }
    public double VehicleRate { get; init; }
    public double WaterRate { get; init; }

    public HeatingMode Heating { get; init; }
    public int CoalToGasYear { get; init; }
    public double HeatingShare { get; init; }
    public double CookingShare { get; init; }
    public bool CooksWithGas { get; init; }
    public double DieselShare { get; init; }
    public double OtherShare { get; init; }
    public int PvFromYear { get; init; }
    public double PvShare { get; init; }

    /// <summary>Area in <paramref name="year"/> before the prefecture's yearly scaling.</summary>
    public double RawArea(int year)
    {
        if (AreaEventYear == 0)
        {
            return Area2020;
        }

        if (AreaEventYear <= DemoCalibration.ReferenceYear)
        {
            return year >= AreaEventYear ? Area2020 : Area2020 / (1 + AreaEventGrowth);
        }

        return year >= AreaEventYear ? Area2020 * (1 + AreaEventGrowth) : Area2020;
    }

    /// <summary>Users in <paramref name="year"/> before the prefecture's yearly scaling.</summary>
    public double RawUsers(int year)
    {
        var users = Users2020 * Math.Pow(1 + UsersDrift, year - DemoCalibration.ReferenceYear);
        if (UsersJumpYear == 0)
        {
            return users;
        }

        if (UsersJumpYear <= DemoCalibration.ReferenceYear)
        {
            return year >= UsersJumpYear ? users : users / (1 + UsersJump);
        }

        return year >= UsersJumpYear ? users * (1 + UsersJump) : users;
    }

    /// <summary>The heating mode in <paramref name="year"/>: coal boilers may have been converted to gas (煤改气).</summary>
    public HeatingMode HeatingIn(int year) =>
        Heating == HeatingMode.CoalBoiler && CoalToGasYear > 0 && year >= CoalToGasYear ? HeatingMode.GasBoiler : Heating;
}
