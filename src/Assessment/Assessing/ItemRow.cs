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
/// flags are the rule set version's (<see cref="ItemLayout"/>), which never changes once published.
/// </summary>
public sealed class ItemRow : IReadOnlyList<ItemLine>
{
    private readonly double[] _points;

    public ItemRow(ItemLayout layout, double[] points)
    {
        if (points.Length != layout.Columns.Count)
        {
            throw new ArgumentException($"A row of {layout.Key} has {layout.Columns.Count} columns, not {points.Length}.", nameof(points));
        }

        (Layout, _points) = (layout, points);
    }

    /// <summary>The items of the scoring rule set version the columns are.</summary>
    public ItemLayout Layout { get; }

    /// <summary>The row's points, NaN where an item does not apply.</summary>
    public ReadOnlySpan<double> Points => _points;

    public int Count => _points.Length;

    public ItemLine this[int column]
    {
        get
        {
            var item = Layout.Columns[column];
            var points = _points[column];
            var applies = !double.IsNaN(points);
            return new ItemLine(item.Name, item.Group, item.Label, item.LabelEn, applies ? points : 0, item.MaxPoints, applies, item.Star, item.Bonus);
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
    /// of <paramref name="layout"/> in its order; otherwise null.
    /// </summary>
    public static ItemRow? From(ItemLayout layout, IReadOnlyList<ItemLine> lines)
    {
        if (lines is ItemRow row && row.Layout.Key == layout.Key)
        {
            return row;
        }

        if (lines.Count != layout.Columns.Count)
        {
            return null;
        }

        var points = new double[lines.Count];
        for (var column = 0; column < points.Length; column++)
        {
            var (line, item) = (lines[column], layout.Columns[column]);
            if (line.Rule != item.Name || line.Group != item.Group)
            {
                return null;
            }

            points[column] = line.Applies ? line.Points : double.NaN;
        }

        return new ItemRow(layout, points);
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
