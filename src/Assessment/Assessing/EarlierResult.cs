namespace Assessment.Assessing;

/// <summary>What the rules of a later year read of an earlier result (<c>h</c>): its grade, penalty actions and the demonstration programmes it qualified for.</summary>
public sealed record EarlierResult(string Code, int Year, string Grade, IReadOnlyList<string> PenaltyActions, IReadOnlyList<string> Titles)
{
    public static EarlierResult Of(AssessmentResult result) => new(
        result.Code,
        result.Year,
        result.Grade,
        result.Penalties.Select(penalty => penalty.Action).Distinct().ToArray(),
        result.Demonstrations.Where(demonstration => demonstration.Qualifies).Select(demonstration => demonstration.Programme).ToArray());
}
