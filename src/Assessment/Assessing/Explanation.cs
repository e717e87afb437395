using Assessment.Rules.Results;

namespace Assessment.Assessing;

/// <summary>
/// Why a subject got its result: the stored result, the same assessment recomputed with the run's exact versions, and
/// every rule's trace. <see cref="Matches"/> is false when the data changed since the run.
/// </summary>
public sealed record Explanation(AssessmentRun Run, AssessmentResult Stored, AssessmentResult Recomputed, IReadOnlyList<RuleTrace> Traces)
{
    public bool Matches => System.Text.Json.JsonSerializer.Serialize(Stored, Data.ResultRepository.Json)
                           == System.Text.Json.JsonSerializer.Serialize(Recomputed, Data.ResultRepository.Json);
}
