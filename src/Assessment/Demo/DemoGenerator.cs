using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;

namespace Assessment.Demo;

/// <summary>
/// Draws a synthetic prefecture calibrated to Changji (DOMAIN.md §8): counties, institutions in plausible category shares,
/// their area and users per year, and monthly consumption 2016–2025 with heating-season and school-term patterns. Each
/// year is scaled so that the prefecture's area, users and intensities follow <see cref="DemoCalibration"/> exactly; the
/// same seed gives the same prefecture. Consumption is produced institution by institution, so it streams.
/// </summary>
public sealed class DemoGenerator
{
    private static readonly Dictionary<InstitutionCategory, (double Area, double AreaPerUser, double Energy, double Vehicle, double Water, double Canteen)> Traits = new()
    {
        [InstitutionCategory.Organ] = (2500, 22, 1.00, 1.50, 1.0, 0.60),
        [InstitutionCategory.Education] = (7000, 9, 0.75, 0.12, 0.8, 0.90),
        [InstitutionCategory.Health] = (9000, 28, 1.70, 0.50, 2.6, 0.95),
        [InstitutionCategory.CultureSports] = (6000, 45, 1.10, 0.40, 1.6, 0.30),
        [InstitutionCategory.OtherPublicService] = (3000, 18, 0.95, 1.00, 1.0, 0.50),
        [InstitutionCategory.Group] = (1200, 22, 0.90, 0.80, 0.9, 0.30),
    };

    private const double GasolineShareOfVehicleFuel = 0.8;

    private readonly DemoOptions _options;
    private readonly DemoCatalog _catalog = DemoCatalog.Instance;
    private readonly FactorTableSet _factors;
    private readonly DemoInstitution[] _institutions;
    private readonly Dictionary<int, (double Area, double Users, double Energy, double Vehicle, double Water)> _scales = [];
    private readonly double _scale;

    /// <summary>Draws the prefecture's structure and its yearly scaling; consumption is drawn when enumerated.</summary>
    public DemoGenerator(DemoOptions options, FactorTableSet factors)
    {
        if (options.Institutions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Institutions, "At least one institution is needed.");
        }

        _options = options;
        _factors = factors;
        _scale = (double)options.Institutions / DemoCalibration.Institutions2020;
        _institutions = DrawInstitutions();
        ComputeScales();
    }

    /// <summary>The prefecture's name.</summary>
    public string PrefectureName => _catalog.Prefecture;

    /// <summary>The county-level units and the prefecture-direct group.</summary>
    public IReadOnlyList<County> Counties => _catalog.Counties.Select(county => county.ToCounty()).ToArray();

    /// <summary>The prefecture's building area in 2020 (m²).</summary>
    public double TotalArea2020 => Math.Round(DemoCalibration.BuildingAreaM2 * _scale);

    /// <summary>The prefecture's energy users in 2020.</summary>
    public long TotalUsers2020 => (long)Math.Round(DemoCalibration.Users * _scale);

    /// <summary>The institutions, with their latest (2025) area and users.</summary>
    public IReadOnlyList<Institution> Institutions => _institutions.Select(institution =>
    {
        var (area, users) = Profile(institution, DemoCalibration.LastYear);
        return new Institution(institution.Code, institution.Name, _catalog.Counties[institution.County].Code, institution.Category, area, users, institution.KeyUnit);
    }).ToArray();

    /// <summary>Area and users of every institution in every year.</summary>
    public IEnumerable<InstitutionYear> Profiles() =>
        from institution in _institutions
        from year in _options.YearsWritten
        let profile = Profile(institution, year)
        select new InstitutionYear(institution.Code, year, profile.Area, profile.Users);

    /// <summary>
    /// Every institution's reviewed self-assessment checklist for the years assessed: points follow the institution's
    /// diligence with some yearly variation; the energy audit is for key units only; units without a canteen declare the
    /// anti-food-waste item not applicable; renewable energy scores where panels were installed.
    /// </summary>
    public IEnumerable<ChecklistRepository.Entry> Checklists()
    {
        foreach (var institution in _institutions)
        {
            var random = DemoRandom.For(_options.Seed, institution.Index, 3);
            var diligence = random.Uniform(0.7, 1.0);
            for (var year = _catalog.ChecklistFirstYear; year <= DemoCalibration.LastYear; year++)
            {
                var written = _options.YearsWritten.Contains(year);
                foreach (var (item, max) in _catalog.Checklist)
                {
                    var share = Math.Clamp(diligence + 0.1 * random.Normal() + 0.02 * (year - _catalog.ChecklistFirstYear), 0, 1);
                    var notApplicable = item == "anti-food-waste" && institution.CookingShare == 0;
                    if (item == "energy-audit" && !institution.KeyUnit)
                    {
                        continue;
                    }

                    var points = item switch
                    {
                        _ when notApplicable => 0,
                        "renewables" => institution.PvFromYear > 0 && year >= institution.PvFromYear ? max * share : 0,
                        "innovation" => random.Chance(0.1) ? max * share : 0,
                        _ => max * share,
                    };
                    if (written)
                    {
                        yield return new ChecklistRepository.Entry(institution.Code, year, item, Math.Round(points * 2) / 2, notApplicable, null);
                    }
                }
            }
        }
    }

    /// <summary>Every institution's monthly consumption, institution by institution, year by year.</summary>
    public IEnumerable<MonthlyConsumption> Consumption() => _institutions.SelectMany(MonthlyRows);

    private (double Area, int Users) Profile(DemoInstitution institution, int year) =>
        (Math.Max(1, Math.Round(institution.RawArea(year) * _scales[year].Area)),
         (int)Math.Max(1, Math.Round(institution.RawUsers(year) * _scales[year].Users)));

    private DemoInstitution[] DrawInstitutions()
    {
        var random = new DemoRandom(_options.Seed);
        var countyWeights = _catalog.Counties.Select(county => county.Weight).ToArray();
        var categories = Categories.All;
        var categoryWeights = categories.Select(category => _catalog.For(category).Weight).ToArray();
        var perCounty = new int[_catalog.Counties.Count];
        var perCountyCategory = new Dictionary<(int, InstitutionCategory), int>();
        var codeDigits = Math.Max(4, _options.Institutions.ToString().Length);

        var institutions = new DemoInstitution[_options.Institutions];
        for (var i = 0; i < institutions.Length; i++)
        {
            var county = random.Pick(countyWeights);
            var category = categories[random.Pick(categoryWeights)];
            var countyEntry = _catalog.Counties[county];
            var nth = perCountyCategory[(county, category)] = perCountyCategory.GetValueOrDefault((county, category)) + 1;
            var traits = Traits[category];
            var heating = DrawHeating(random, countyEntry.Urban);
            var hasCanteen = random.Chance(traits.Canteen);
            var noVehicles = category is InstitutionCategory.Education or InstitutionCategory.CultureSports or InstitutionCategory.Group
                             && random.Chance(0.2);

            institutions[i] = new DemoInstitution
            {
                Index = i,
                Code = countyEntry.Code + (++perCounty[county]).ToString("D" + codeDigits),
                Name = Name(countyEntry, category, nth),
                County = county,
                Category = category,
                AreaWeight = traits.Area * random.LogNormal(0.7),
                UsersWeight = 0,
                AreaEventYear = random.Chance(0.30) ? random.Integer(DemoCalibration.FirstYear + 1, DemoCalibration.LastYear + 1) : 0,
                AreaEventGrowth = random.Chance(0.85) ? random.Uniform(0.10, 0.45) : -random.Uniform(0.10, 0.25),
                UsersDrift = 0.005 + 0.01 * random.Normal(),
                UsersJumpYear = random.Chance(0.15) ? random.Integer(DemoCalibration.FirstYear + 1, DemoCalibration.LastYear + 1) : 0,
                UsersJump = random.Uniform(-0.15, 0.25),
                EnergyRate = traits.Energy * random.LogNormal(0.25),
                EnergyTrend = 0.006 * random.Normal(),
                VehicleRate = noVehicles ? 0 : traits.Vehicle * random.LogNormal(0.5),
                WaterRate = traits.Water * random.LogNormal(0.3),
                Heating = heating,
                CoalToGasYear = heating == HeatingMode.CoalBoiler && random.Chance(0.75) ? random.Integer(2017, 2025) : 0,
                HeatingShare = category == InstitutionCategory.Health ? random.Uniform(0.35, 0.45) : random.Uniform(0.45, 0.60),
                CookingShare = hasCanteen ? random.Uniform(0.03, 0.08) : 0,
                CooksWithGas = heating is HeatingMode.DistrictHeat or HeatingMode.GasBoiler && (countyEntry.Urban || random.Chance(0.5)),
                DieselShare = category == InstitutionCategory.Health ? random.Uniform(0.003, 0.01) : random.Chance(0.1) ? random.Uniform(0.001, 0.004) : 0,
                OtherShare = random.Chance(0.05) ? random.Uniform(0.01, 0.04) : 0,
                PvFromYear = random.Chance(0.10) ? random.Integer(2018, 2025) : 0,
                PvShare = random.Uniform(0.05, 0.20),
            };
            institutions[i].UsersWeight = institutions[i].AreaWeight / (traits.AreaPerUser * random.LogNormal(0.3));
        }

        var areas = ExactShares(institutions.Select(institution => institution.AreaWeight).ToArray(), (long)TotalArea2020);
        var users = ExactShares(institutions.Select(institution => institution.UsersWeight).ToArray(), TotalUsers2020);
        var largeArea = areas.Order().ElementAt((int)(areas.Length * 0.95));
        for (var i = 0; i < institutions.Length; i++)
        {
            institutions[i].Area2020 = areas[i];
            institutions[i].Users2020 = (int)users[i];
            institutions[i].KeyUnit = areas[i] >= largeArea || (institutions[i].Category == InstitutionCategory.Health && areas[i] >= 8000);
        }

        return institutions;
    }

    private static HeatingMode DrawHeating(DemoRandom random, bool urban) =>
        (HeatingMode)random.Pick(urban ? [0.78, 0.15, 0.02, 0.05] : [0.40, 0.28, 0.25, 0.07]);

    private string Name(DemoCatalog.CountyEntry county, InstitutionCategory category, int nth)
    {
        var entry = _catalog.For(category);
        if (nth <= entry.Fixed.Count)
        {
            return county.Prefix + entry.Fixed[nth - 1];
        }

        var k = nth - entry.Fixed.Count - 1;
        var template = entry.Numbered[k % entry.Numbered.Count];
        var round = k / entry.Numbered.Count;
        var town = county.Towns[round % county.Towns.Count];
        // The fixed names number schools up to 第三; numbered ones continue from 第四.
        var name = template.Replace("{town}", town).Replace("{n}", Numerals(round + 4));
        return county.Prefix + name + (template.Contains("{town}") && round >= county.Towns.Count ? $"（{round / county.Towns.Count + 1}）" : "");
    }

    // Chinese numerals as school names use them: 第四小学, 第十二中学.
    private static string Numerals(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            < 20 => "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
            < 100 => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
            _ => n.ToString(),
        };
    }

    /// <summary>Whole numbers in proportion to <paramref name="weights"/> that add up to <paramref name="total"/> exactly (largest remainder).</summary>
    internal static long[] ExactShares(double[] weights, long total)
    {
        var sum = weights.Sum();
        var exact = weights.Select(weight => weight / sum * total).ToArray();
        var result = exact.Select(value => Math.Max(1, (long)Math.Floor(value))).ToArray();
        var remaining = total - result.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i))
        {
            if (remaining == 0)
            {
                break;
            }

            var step = Math.Sign(remaining);
            if (result[i] + step >= 1)
            {
                result[i] += step;
                remaining -= step;
            }
        }

        return result;
    }

    // Scales each year so that the prefecture's totals and intensities follow the calibration exactly.
    private void ComputeScales()
    {
        foreach (var year in DemoCalibration.Years)
        {
            var area = _institutions.Sum(institution => institution.RawArea(year));
            var users = _institutions.Sum(institution => institution.RawUsers(year));
            _scales[year] = (DemoCalibration.AreaFactor(year) * TotalArea2020 / area, DemoCalibration.UsersFactor(year) * TotalUsers2020 / users, 0, 0, 0);
        }

        var sums = DemoCalibration.Years.ToDictionary(year => year, _ => (Area: 0.0, Users: 0.0, Energy: 0.0, Vehicle: 0.0, Water: 0.0));
        foreach (var institution in _institutions)
        {
            foreach (var (year, raw) in RawYears(institution))
            {
                var (area, users) = Profile(institution, year);
                var s = sums[year];
                sums[year] = (s.Area + area, s.Users + users, s.Energy + raw.Energy, s.Vehicle + raw.Vehicle, s.Water + raw.Water);
            }
        }

        foreach (var (year, s) in sums)
        {
            var buildingKgce = DemoCalibration.EnergyPerAreaIn(year) * s.Area;
            var vehicleKgce = DemoCalibration.EnergyPerCapitaIn(year) * s.Users - buildingKgce;
            var waterM3 = DemoCalibration.WaterPerCapitaIn(year) * s.Users;
            _scales[year] = _scales[year] with
            {
                Energy = buildingKgce / s.Energy,
                Vehicle = s.Vehicle > 0 ? vehicleKgce / s.Vehicle : 0,
                Water = waterM3 / s.Water,
            };
        }
    }

    // Each year's building energy, vehicle fuel (both kgce) and water before the yearly scaling, from the institution's own stream.
    private IEnumerable<(int Year, (double Energy, double Vehicle, double Water) Raw)> RawYears(DemoInstitution institution)
    {
        var random = DemoRandom.For(_options.Seed, institution.Index, 1);
        foreach (var year in DemoCalibration.Years)
        {
            var (area, users) = Profile(institution, year);
            var energy = area * institution.EnergyRate * Math.Exp(institution.EnergyTrend * (year - DemoCalibration.ReferenceYear)) * Math.Max(0.5, 1 + 0.025 * random.Normal());
            var vehicle = users * institution.VehicleRate * Math.Max(0.3, 1 + 0.10 * random.Normal());
            var water = users * institution.WaterRate * Math.Max(0.5, 1 + 0.06 * random.Normal());
            yield return (year, (energy, vehicle, water));
        }
    }

    private IEnumerable<MonthlyConsumption> MonthlyRows(DemoInstitution institution)
    {
        var random = DemoRandom.For(_options.Seed, institution.Index, 2);
        foreach (var (year, raw) in RawYears(institution).Where(entry => _options.YearsWritten.Contains(entry.Year)).ToArray())
        {
            var scale = _scales[year];
            var factors = _factors.For(year);
            var building = raw.Energy * scale.Energy;
            var vehicle = raw.Vehicle * scale.Vehicle;
            var water = raw.Water * scale.Water;
            var mode = institution.HeatingIn(year);

            var heating = building * institution.HeatingShare;
            var cooking = building * institution.CookingShare;
            var diesel = building * institution.DieselShare;
            var other = building * institution.OtherShare;
            var electricity = building - heating - cooking - diesel - other;

            var heatShares = Seasonality.Shares(Seasonality.Heating, institution.Category, random, followsTerm: false);
            var electricityShares = Seasonality.Shares(Seasonality.Electricity, institution.Category, random);
            var cookingShares = Seasonality.Shares(Seasonality.Flat, institution.Category, random);
            var waterShares = Seasonality.Shares(Seasonality.Water, institution.Category, random);
            var vehicleShares = Seasonality.Shares(Seasonality.Vehicles, institution.Category, random, followsTerm: false);
            var solarShares = Seasonality.Shares(Seasonality.Solar, institution.Category, random, followsTerm: false);
            var pvKwh = institution.PvFromYear > 0 && year >= institution.PvFromYear
                ? electricity / factors.Kgce(EnergyCarrier.Electricity) * institution.PvShare
                : 0;

            for (var m = 0; m < 12; m++)
            {
                var heat = heating * heatShares[m];
                var electricityKgce = electricity * electricityShares[m] + (mode == HeatingMode.Electric ? heat : 0);
                var gasKgce = (mode == HeatingMode.GasBoiler ? heat : 0) + (institution.CooksWithGas ? cooking * cookingShares[m] : 0);
                var vehicleKgce = vehicle * vehicleShares[m];
                yield return new MonthlyConsumption(institution.Code, year, m + 1, new ConsumptionQuantities(
                    ElectricityKwh: Round(electricityKgce / factors.Kgce(EnergyCarrier.Electricity)),
                    WaterM3: Round(water * waterShares[m]),
                    NaturalGasM3: Round(gasKgce / factors.Kgce(EnergyCarrier.NaturalGas)),
                    CoalT: Math.Round((mode == HeatingMode.CoalBoiler ? heat : 0) / factors.Kgce(EnergyCarrier.Coal) / 1000, 4),
                    HeatGj: Round((mode == HeatingMode.DistrictHeat ? heat : 0) / (factors.Kgce(EnergyCarrier.Heat) * 1000)),
                    LpgKg: Round(institution.CooksWithGas ? 0 : cooking * cookingShares[m] / factors.Kgce(EnergyCarrier.Lpg)),
                    DieselL: Round(diesel / 12 / factors.Kgce(EnergyCarrier.Diesel) / factors.DensityKgPerL[EnergyCarrier.Diesel].Value),
                    VehicleGasolineL: Round(vehicleKgce * GasolineShareOfVehicleFuel / factors.Kgce(EnergyCarrier.Gasoline) / factors.DensityKgPerL[EnergyCarrier.Gasoline].Value),
                    VehicleDieselL: Round(vehicleKgce * (1 - GasolineShareOfVehicleFuel) / factors.Kgce(EnergyCarrier.Diesel) / factors.DensityKgPerL[EnergyCarrier.Diesel].Value),
                    PvKwh: Round(pvKwh * solarShares[m]),
                    OtherKgce: Round(other / 12)));
            }
        }
    }

    private static double Round(double value) => Math.Round(value, 2);
}
