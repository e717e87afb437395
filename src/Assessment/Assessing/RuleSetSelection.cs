using Assessment.Resources;
using Assessment.Rules;

namespace Assessment.Assessing;

/// <summary>
/// The rule sets one assessment uses, by level and kind: exactly one scoring set for institutions, at most one scoring
/// and one grading set per level, any number of data-quality, demonstration, penalty and incentive sets.
/// </summary>
public sealed class RuleSetSelection
{
    private readonly IReadOnlyList<CompiledRuleSet> _sets;

    public RuleSetSelection(IReadOnlyList<CompiledRuleSet> sets, int year)
    {
        _sets = sets;
        var problems = new List<string>();
        foreach (var level in Enum.GetValues<RuleSetLevel>())
        {
            foreach (var kind in new[] { RuleSetKind.Scoring, RuleSetKind.Grading })
            {
                var found = Of(level, kind);
                if (found.Count > 1)
                {
                    problems.Add(string.Format(Strings.AssessTooManySets, Codes(kind), Codes(level), year, string.Join(", ", found.Select(set => set.Id))));
                }
            }
        }

        if (Of(RuleSetLevel.Institution, RuleSetKind.Scoring).Count == 0)
        {
            problems.Add(string.Format(Strings.AssessNoScoringSet, year));
        }

        if (problems.Count > 0)
        {
            throw new RuleSetException(problems);
        }
    }

    /// <summary>Every set, in id order.</summary>
    public IReadOnlyList<CompiledRuleSet> All => _sets;

    /// <summary>The sets of <paramref name="level"/> and <paramref name="kind"/>, in id order.</summary>
    public IReadOnlyList<CompiledRuleSet> Of(RuleSetLevel level, RuleSetKind kind) =>
        _sets.Where(set => set.Level == level && set.Kind == kind).OrderBy(set => set.Id, StringComparer.Ordinal).ToArray();

    /// <summary>The one set of <paramref name="level"/> and <paramref name="kind"/>, or null.</summary>
    public CompiledRuleSet? One(RuleSetLevel level, RuleSetKind kind) => Of(level, kind).SingleOrDefault();

    /// <summary>The versions used, as <c>id@hash</c> with the full hash.</summary>
    public IReadOnlyList<string> Keys => _sets.Select(set => set.Key).Order(StringComparer.Ordinal).ToArray();

    private static string Codes(RuleSetKind kind) => Data.Codes.Of(kind);

    private static string Codes(RuleSetLevel level) => Data.Codes.Of(level);
}
