using System.Buffers;
using System.Collections;
using System.Text;
using System.Text.Json;
using Assessment.Rules;

namespace Assessment.Assessing;

/// <summary>
/// A result's scoring items as the run scored them: the scoring set's flat row of points (one column per
/// <see cref="CompiledRuleSet.ScoredItems"/> entry, NaN where the item does not apply), read as item lines when looked at.
/// A result keeps and stores this row (a few hundred bytes) instead of a labelled line per item: the labels, maxima and
/// flags are the rule set version's, which never changes once published.
/// </summary>
public sealed class ItemRow : IReadOnlyList<ItemLine>
{
    private readonly double[] _points;

    public ItemRow(CompiledRuleSet set, double[] points)
    {
        if (points.Length != set.ScoredItems.Count)
        {
            throw new ArgumentException($"A row of {set.VersionKey} has {set.ScoredItems.Count} columns, not {points.Length}.", nameof(points));
        }

        (Set, _points) = (set, points);
    }

    /// <summary>The scoring rule set whose items the columns are.</summary>
    public CompiledRuleSet Set { get; }

    /// <summary>The row's points, NaN where an item does not apply.</summary>
    public ReadOnlySpan<double> Points => _points;

    public int Count => _points.Length;

    public ItemLine this[int column]
    {
        get
        {
            var rule = Set.ScoredItems[column];
            var points = _points[column];
            var applies = !double.IsNaN(points);
            return new ItemLine(rule.Name, Set.ItemGroups[column], rule.Properties.Label, rule.Properties.LabelEn, applies ? points : 0,
                rule.Properties.Points ?? 0, applies, rule.Properties.Star, rule.Properties.Bonus);
        }
    }

    public IEnumerator<ItemLine> GetEnumerator()
    {
        for (var column = 0; column < _points.Length; column++)
        {
            yield return this[column];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The row of <paramref name="lines"/> (as a result read back from JSON lists them) when they are exactly the items
    /// of <paramref name="set"/> in its order; otherwise null.
    /// </summary>
    public static ItemRow? From(CompiledRuleSet set, IReadOnlyList<ItemLine> lines)
    {
        if (lines is ItemRow row && row.Set == set)
        {
            return row;
        }

        if (lines.Count != set.ScoredItems.Count)
        {
            return null;
        }

        var points = new double[lines.Count];
        for (var column = 0; column < points.Length; column++)
        {
            if (lines[column].Rule != set.ScoredItems[column].Name)
            {
                return null;
            }

            points[column] = lines[column].Applies ? lines[column].Points : double.NaN;
        }

        return new ItemRow(set, points);
    }

    /// <summary>The points as a JSON array, <c>null</c> where an item does not apply (every number written to round-trip exactly).</summary>
    public string PointsJson()
    {
        var buffer = new ArrayBufferWriter<byte>(_points.Length * 8 + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in _points)
            {
                if (double.IsNaN(value))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteNumberValue(value);
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="PointsJson"/> wrote.</summary>
    public static double[] ParsePoints(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var points = new List<double>();
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A row of points is a JSON array.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            points.Add(reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble());
        }

        return [.. points];
    }
}
