using Assessment.Rules;
using RulesEngine.Models;

namespace Assessment.Bench;

/// <summary>The three ways of scoring an institution on the 100-point rule set that the benchmark compares.</summary>
public static class Paths
{
    /// <summary>(a) Plain Microsoft RulesEngine: <c>ExecuteAllRulesAsync</c> per institution, the points totalled as the rule set says.</summary>
    public sealed class PlainRulesEngine(CompiledRuleSet set)
    {
        private readonly RulesEngine.RulesEngine _engine = new([set.Document.Workflow], new ReSettings { CustomTypes = [typeof(Score), .. RuleInputs.Types] });

        // Each leaf's maximum and whether it is a bonus, as the rule set declares them.
        private readonly Dictionary<string, (double Max, bool Bonus)> _leaves = set.Rules.SelectMany(rule => rule.IsGroup ? rule.Children : [rule])
            .ToDictionary(rule => rule.Name, rule => (rule.Properties.Points ?? 0, rule.Properties.Bonus));

        public double Score(RuleInputs inputs)
        {
            var parameters = set.Layout.Select(slot => new RuleParameter(slot.Name, slot.Get(inputs))).ToArray();
            var results = _engine.ExecuteAllRulesAsync(set.Document.Workflow.WorkflowName, parameters).GetAwaiter().GetResult();
            double earned = 0, applicable = 0, bonus = 0;
            foreach (var result in results)
            {
                foreach (var leaf in result.ChildResults?.Any() == true ? result.ChildResults : [result])
                {
                    if (!leaf.IsSuccess)
                    {
                        continue; // the condition does not hold: not applicable
                    }

                    var points = Convert.ToDouble(leaf.ActionResult?.Output ?? 0.0);
                    var (max, isBonus) = _leaves[leaf.Rule.RuleName];
                    if (isBonus)
                    {
                        bonus += points;
                    }
                    else
                    {
                        earned += points;
                        applicable += max;
                    }
                }
            }

            return Total(set, earned, applicable, bonus);
        }
    }

    /// <summary>
    /// (b) The project's path: every expression compiled once into a delegate, every item's points kept in the
    /// institution's row of a flat array (what the assessment stores and explains from).
    /// </summary>
    public static double Compiled(CompiledRuleSet set, RuleInputs inputs, Span<double> row) => RuleSetEvaluator.ScoreInto(set, inputs, inputs.Subject.Code, row);

    /// <summary>(c) The same rules written by hand: the ceiling.</summary>
    public static double HandWritten(RuleInputs x)
    {
        var (i, q, t, m) = (x.Subject, x.Quota, x.Targets, x.Checklist);
        double earned = 0, applicable = 0;
        if (q.Has)
        {
            earned += Score.Linear(i.EnergyPerArea, q.EnergyPerArea.Guide, q.EnergyPerArea.Constraint, 8)
                      + Score.Linear(i.EnergyPerCapita, q.EnergyPerCapita.Guide, q.EnergyPerCapita.Constraint, 4)
                      + Score.Linear(i.WaterPerCapita, q.WaterPerCapita.Guide, q.WaterPerCapita.Constraint, 3);
            applicable += 15;
        }

        if (t.Has)
        {
            earned += Score.Completion(t.EnergyPerArea.Actual, t.EnergyPerArea.Target, 8)
                      + Score.Completion(t.EnergyPerCapita.Actual, t.EnergyPerCapita.Target, 6)
                      + Score.Completion(t.WaterPerCapita.Actual, t.WaterPerCapita.Target, 5)
                      + Score.Completion(t.Co2PerArea.Actual, t.Co2PerArea.Target, 6);
            applicable += 25;
        }

        earned += Score.Checklist(m, "organisation", 8)
                  + Score.Checklist(m, "statistics", 6) + 4.0 * Math.Min(i.MonthsReported, 12) / 12
                  + Score.Checklist(m, "metering", 6)
                  + Score.Checklist(m, "retrofit", 8)
                  + Score.Checklist(m, "contract-energy", 4)
                  + Score.Checklist(m, "publicity", 6)
                  + Score.Checklist(m, "waste-sorting", 6);
        applicable += 8 + 10 + 6 + 8 + 4 + 6 + 6;
        if (i.KeyUnit)
        {
            earned += Score.Checklist(m, "energy-audit", 6);
            applicable += 6;
        }

        if (!m.NotApplicable("anti-food-waste"))
        {
            earned += Score.Checklist(m, "anti-food-waste", 6);
            applicable += 6;
        }

        var bonus = t.Has ? Score.OverCompletion(t.EnergyPerArea.Actual, t.EnergyPerArea.Target, 0.1, 1, 5) : 0;
        return earned * 100 / applicable + Math.Min(bonus, 5);
    }

    // The rule set's total: points earned scaled to the total over the points that apply, plus the capped bonus.
    private static double Total(CompiledRuleSet set, double earned, double applicable, double bonus)
    {
        var total = set.Document.TotalPoints ?? applicable;
        var rescale = set.Document.NotApplicable == NotApplicablePolicy.Rescale && applicable > 0;
        return (rescale ? earned * total / applicable : earned) + Math.Min(bonus, set.Document.BonusPoints ?? 0);
    }
}
