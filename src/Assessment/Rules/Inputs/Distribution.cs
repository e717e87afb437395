namespace Assessment.Rules.Inputs;

/// <summary>
/// An indicator across the subject's population (its category in the prefecture; for counties, all counties), and where
/// the subject stands in it. <see cref="Aggregate"/> is the ratio of sums, what published averages use;
/// <see cref="Mean"/> the mean of the members' values. Rank 1 is the lowest value (the most efficient).
/// </summary>
/// <remarks>
/// A value, not an object: every subject has four (and four more for last year), and at national scale 1.6 million
/// subjects hold theirs through the whole run; inline in <see cref="Population"/> they are no objects of their own.
/// A distribution made with <c>new()</c> knows nothing (no values, unknown aggregate and subject).
/// </remarks>
public readonly struct Distribution
{
    private readonly double[]? _values;

    public Distribution()
    {
    }

    /// <summary>The members' values, kept sorted ascending and without unknown ones.</summary>
    public double[] Values
    {
        get => _values ?? [];
        init => _values = SortedKnown(value);
    }

    /// <summary>
    /// <paramref name="values"/> without unknown ones (NaN), ascending, in the order a stable sort gives: what
    /// <see cref="Values"/> keeps and <see cref="OfSorted"/> is given.
    /// </summary>
    public static double[] SortedKnown(IEnumerable<double> values)
    {
        var known = new List<double>();
        var negativeZero = false;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                known.Add(value);
                negativeZero |= value == 0 && double.IsNegative(value);
            }
        }

        // Array.Sort is the fast sort of numbers (a national year sorts 4 indicators × 2 years × 1.6 million values) but
        // not stable, and -0 equals 0: where a -0 is there, the stable sort keeps the two in the order they came.
        var sorted = known.ToArray();
        if (negativeZero)
        {
            return [.. sorted.Order()];
        }

        Array.Sort(sorted);
        return sorted;
    }

    public double Aggregate { get; init; } = double.NaN;

    /// <summary>A distribution over values already sorted ascending without unknown ones (shared by every member of a population).</summary>
    public static Distribution OfSorted(double[] sorted, double aggregate, double subject) =>
        new(sorted) { Aggregate = aggregate, Subject = subject };

    private Distribution(double[] sorted)
    {
        _values = sorted;
    }

    public double Subject { get; init; } = double.NaN;

    public int Count => Values.Length;
    public double Mean => Values.Length == 0 ? double.NaN : Values.Average();
    public double Median => Percentile(0.5);

    /// <summary>The <paramref name="p"/> quantile (0–1), interpolated linearly.</summary>
    public double Percentile(double p)
    {
        if (Values.Length == 0)
        {
            return double.NaN;
        }

        var position = Math.Clamp(p, 0, 1) * (Values.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, Values.Length - 1);
        return Values[low] + (Values[high] - Values[low]) * (position - low);
    }

    /// <summary>The subject's rank, 1 for the lowest value; ties share the better rank; 0 when unknown.</summary>
    public int Rank => double.IsNaN(Subject) ? 0 : LowerCount(Subject) + 1;

    /// <summary>The share of the population below the subject (0 = best).</summary>
    public double PercentRank => double.IsNaN(Subject) || Values.Length < 2 ? double.NaN : (double)LowerCount(Subject) / (Values.Length - 1);

    // Values are sorted ascending: a binary search gives how many are strictly lower.
    private int LowerCount(double value)
    {
        int low = 0, high = Values.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (Values[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
