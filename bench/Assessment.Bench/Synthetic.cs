using Assessment.Rules;
using Assessment.Rules.Inputs;

namespace Assessment.Bench;

/// <summary>
/// Synthetic institutions for the 100-point rule set: indicators around their category's quotas, target completion
/// around the plan, reviewed checklists, some without quotas or targets, some key units, some without a canteen. The
/// same seed gives the same institutions.
/// </summary>
public static class Synthetic
{
    private static readonly (string Item, double Max)[] Items =
    [
        ("organisation", 8), ("statistics", 6), ("metering", 6), ("energy-audit", 6), ("retrofit", 8), ("contract-energy", 4), ("publicity", 6),
        ("waste-sorting", 6), ("anti-food-waste", 6),
    ];

    /// <summary>Institutions <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    public static RuleInputs[] Make(int first, int count)
    {
        var inputs = new RuleInputs[count];
        for (var n = 0; n < count; n++)
        {
            var random = new Random(first + n);
            var input = new RuleInputs();
            var s = input.Subject;
            s.Code = (first + n).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
            s.KeyUnit = random.NextDouble() < 0.3;
            s.MonthsReported = random.NextDouble() < 0.95 ? 12 : random.Next(6, 12);
            s.EnergyPerArea = 10 + random.NextDouble() * 40;
            s.EnergyPerCapita = 300 + random.NextDouble() * 1200;
            s.WaterPerCapita = 5 + random.NextDouble() * 25;

            var q = input.Quota;
            q.Has = random.NextDouble() < 0.9;
            if (q.Has)
            {
                Zone(q.EnergyPerArea, 15, 30, 45);
                Zone(q.EnergyPerCapita, 500, 900, 1300);
                Zone(q.WaterPerCapita, 10, 18, 26);
            }

            var t = input.Targets;
            t.Has = random.NextDouble() < 0.95;
            if (t.Has)
            {
                t.BaselineYear = 2020;
                t.TargetYear = 2025;
                foreach (var line in new[] { t.EnergyPerArea, t.EnergyPerCapita, t.WaterPerCapita, t.Co2PerArea })
                {
                    line.Plan = 0.05;
                    line.Target = 0.04;
                    line.Actual = -0.02 + random.NextDouble() * 0.1;
                }
            }

            foreach (var (item, max) in Items)
            {
                var notApplicable = item == "anti-food-waste" && random.NextDouble() < 0.2;
                input.Checklist.Items[item] = new ChecklistEntry(notApplicable ? 0 : Math.Round(random.NextDouble() * max, 1), notApplicable);
            }

            inputs[n] = input;

            void Zone(QuotaZone zone, double guide, double baseline, double constraint)
            {
                zone.Guide = guide;
                zone.Baseline = baseline;
                zone.Constraint = constraint;
            }
        }

        return inputs;
    }
}
