using System.Collections.Concurrent;
using System.Globalization;
using Assessment.Rules.Inputs;

namespace Assessment.Rules;

/// <summary>
/// Scoring helpers that rule authors call from expressions (<c>Score.Linear(...)</c>), so that a rule says what it
/// scores, not the arithmetic. Every helper gives 0 points for an unknown (NaN) value.
/// </summary>
public static class Score
{
    private static readonly ConcurrentDictionary<string, BandSpec> Specs = new();

    /// <summary>
    /// Full <paramref name="points"/> at or below <paramref name="guide"/>, falling linearly to 0 at
    /// <paramref name="constraint"/>, 0 above it (the quota score).
    /// </summary>
    public static double Linear(double value, double guide, double constraint, double points) =>
        Linear(value, guide, constraint, points, 0);

    /// <summary>As <see cref="Linear(double,double,double,double)"/>, falling to <paramref name="floor"/> at the constraint value.</summary>
    public static double Linear(double value, double guide, double constraint, double points, double floor)
    {
        if (double.IsNaN(value) || double.IsNaN(guide) || double.IsNaN(constraint))
        {
            return 0;
        }

        if (value <= guide)
        {
            return points;
        }

        if (value > constraint || constraint <= guide)
        {
            return 0;
        }

        return floor + (points - floor) * (constraint - value) / (constraint - guide);
    }

    /// <summary>
    /// Points in proportion to the completion rate (<paramref name="actual"/> ÷ <paramref name="target"/>), full at 100 %,
    /// none for no progress or a rise. A target of no decline (≤ 0) is complete when the value did not rise.
    /// </summary>
    public static double Completion(double actual, double target, double points)
    {
        if (double.IsNaN(actual) || double.IsNaN(target))
        {
            return 0;
        }

        if (target <= 0)
        {
            return actual >= target ? points : 0;
        }

        return points * Math.Clamp(actual / target, 0, 1);
    }

    /// <summary>
    /// The bonus for over-completion: <paramref name="perStep"/> points for every full <paramref name="step"/> of
    /// completion rate above 100 % (e.g. 1 point per 0.1), at most <paramref name="cap"/>.
    /// </summary>
    public static double OverCompletion(double actual, double target, double step, double perStep, double cap)
    {
        if (double.IsNaN(actual) || double.IsNaN(target) || target <= 0 || step <= 0)
        {
            return 0;
        }

        var over = actual / target - 1;
        return over <= 0 ? 0 : Math.Min(cap, Math.Floor(over / step + 1e-9) * perStep);
    }

    /// <summary>
    /// Step bands: <paramref name="spec"/> lists bands in order, e.g. <c>"&lt;=0.9:7; &lt;=1.0:6; &lt;=1.1:5; &lt;=1.2:4; else:0"</c>;
    /// the first band whose bound holds gives its points. Bounds use <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>, so
    /// which side of a boundary is inclusive is written in the rule.
    /// </summary>
    public static double Bands(double value, string spec)
    {
        if (double.IsNaN(value))
        {
            return 0;
        }

        return Specs.GetOrAdd(spec, BandSpec.Parse).Points(value);
    }

    /// <summary>The reviewed points of checklist item <paramref name="item"/>, between 0 and <paramref name="max"/>.</summary>
    public static double Checklist(Checklist m, string item, double max) => Math.Clamp(m.Points(item), 0, max);

    /// <summary><paramref name="perUnit"/> points per unit of <paramref name="count"/>, at most <paramref name="cap"/>.</summary>
    public static double Increment(double count, double perUnit, double cap) =>
        double.IsNaN(count) ? 0 : Math.Clamp(count * perUnit, 0, cap);

    /// <summary><paramref name="start"/> less <paramref name="perUnit"/> per unit of <paramref name="count"/>, not below <paramref name="floor"/>.</summary>
    public static double Decrement(double start, double count, double perUnit, double floor) =>
        double.IsNaN(count) ? floor : Math.Max(floor, start - count * perUnit);

    /// <summary><paramref name="value"/> kept within <paramref name="low"/>–<paramref name="high"/>; 0 when unknown.</summary>
    public static double Clamp(double value, double low, double high) => double.IsNaN(value) ? 0 : Math.Clamp(value, low, high);

    /// <summary>Whether <paramref name="value"/> is known (not NaN).</summary>
    public static bool Known(double value) => !double.IsNaN(value);

    /// <summary><paramref name="value"/>, or <paramref name="fallback"/> when it is unknown.</summary>
    public static double Or(double value, double fallback) => double.IsNaN(value) ? fallback : value;

    /// <summary><paramref name="numerator"/> ÷ <paramref name="denominator"/>; NaN when the denominator is not positive.</summary>
    public static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : double.NaN;

    /// <summary>Checks a band specification; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static void CheckBands(string spec) => BandSpec.Parse(spec);

    /// <summary>The most points any band of <paramref name="spec"/> gives.</summary>
    internal static double BandsMaximum(string spec) => BandSpec.Parse(spec) is var parsed
        ? parsed.Bands.Select(band => band.Points).Append(parsed.Otherwise).Max()
        : 0;

    private sealed record Band(string Operator, double Bound, double Points);

    // An array, looped over by index: a band is looked up for every subject and item (no enumerator made per call).
    private sealed record BandSpec(Band[] Bands, double Otherwise)
    {
        public double Points(double value)
        {
            foreach (var band in Bands.AsSpan())
            {
                var holds = band.Operator switch
                {
                    "<" => value < band.Bound,
                    "<=" => value <= band.Bound,
                    ">" => value > band.Bound,
                    _ => value >= band.Bound,
                };
                if (holds)
                {
                    return band.Points;
                }
            }

            return Otherwise;
        }

        public static BandSpec Parse(string spec)
        {
            var bands = new List<Band>();
            double? otherwise = null;
            foreach (var part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = part.LastIndexOf(':');
                if (colon < 0 || !double.TryParse(part[(colon + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var points))
                {
                    throw new FormatException(string.Format(Resources.Strings.BandNeedsPoints, part));
                }

                var bound = part[..colon].Trim();
                if (bound == "else")
                {
                    otherwise = points;
                    continue;
                }

                var op = new[] { "<=", ">=", "<", ">" }.FirstOrDefault(bound.StartsWith)
                         ?? throw new FormatException(string.Format(Resources.Strings.BandNeedsOperator, part));
                if (!double.TryParse(bound[op.Length..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
                {
                    throw new FormatException(string.Format(Resources.Strings.BandNeedsNumber, part, op));
                }

                bands.Add(new Band(op, limit, points));
            }

            return bands.Count == 0 && otherwise is null
                ? throw new FormatException(string.Format(Resources.Strings.BandNone, spec))
                : new BandSpec([.. bands], otherwise ?? 0);
        }
    }
}
