namespace Assessment.Demo;

/// <summary>
/// Seeded random draws that are the same on every run and machine: each institution gets its own streams derived from
/// the seed, so one institution's data can be drawn again without drawing all the others.
/// </summary>
internal sealed class DemoRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>A stream for (<paramref name="seed"/>, <paramref name="index"/>, <paramref name="stream"/>), by SplitMix64.</summary>
    public static DemoRandom For(int seed, int index, int stream)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return new DemoRandom((int)(x & 0x7FFFFFFF));
    }

    public double Uniform() => _random.NextDouble();

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public int Integer(int lowInclusive, int highExclusive) => _random.Next(lowInclusive, highExclusive);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A log-normal draw with median 1.</summary>
    public double LogNormal(double sigma) => Math.Exp(sigma * Normal());

    /// <summary>An index drawn with the given weights.</summary>
    public int Pick(IReadOnlyList<double> weights)
    {
        var target = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }
}
