using Assessment.Resources;

namespace Assessment.Indicators;

/// <summary>Factor tables that do not overlap, each in force for its years.</summary>
public sealed class FactorTableSet
{
    private readonly IReadOnlyList<FactorTable> _tables;

    /// <summary>Takes tables whose year ranges do not overlap; throws <see cref="FactorTableException"/> otherwise.</summary>
    public FactorTableSet(IReadOnlyList<FactorTable> tables)
    {
        var overlaps = FindOverlaps(tables);
        if (overlaps.Count > 0)
        {
            throw new FactorTableException(overlaps);
        }

        _tables = tables.OrderBy(table => table.FirstYear).ToArray();
    }

    /// <summary>The tables, oldest first.</summary>
    public IReadOnlyList<FactorTable> Tables => _tables;

    /// <summary>The table in force for <paramref name="year"/>, or null.</summary>
    public FactorTable? Find(int year) => _tables.FirstOrDefault(table => table.Covers(year));

    /// <summary>The table in force for <paramref name="year"/>; an error that says what to do when there is none.</summary>
    public FactorTable For(int year) =>
        Find(year) ?? throw new FactorTableException([string.Format(Strings.FactorYearNotCovered, year)]);

    internal static List<string> FindOverlaps(IReadOnlyList<FactorTable> tables)
    {
        var problems = new List<string>();
        for (var i = 0; i < tables.Count; i++)
        {
            for (var j = i + 1; j < tables.Count; j++)
            {
                var (a, b) = (tables[i], tables[j]);
                if (a.Id == b.Id)
                {
                    problems.Add(string.Format(Strings.FactorIdDuplicate, a.Id));
                }
                else if (a.FirstYear <= b.LastYear && b.FirstYear <= a.LastYear)
                {
                    problems.Add(string.Format(Strings.FactorYearsOverlap, a.Id, a.FirstYear, a.LastYear, b.Id, b.FirstYear, b.LastYear));
                }
            }
        }

        return problems;
    }
}
