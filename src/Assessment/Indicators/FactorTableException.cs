namespace Assessment.Indicators;

/// <summary>A factor table file that cannot be used; every problem found is listed, each naming the file and the field.</summary>
public sealed class FactorTableException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    /// <summary>One line per problem: file, JSON path, what is wrong.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
