using Assessment.Resources;
using Assessment.Rules.Results;

namespace Assessment.Rules;

/// <summary>
/// Runs a compiled rule set on one subject's inputs. A rule that throws, or gives a value it may not give (points above
/// its maximum, an unknown number), is a <see cref="RuleEvaluationException"/> naming the rule set, the rule and the
/// subject: never a silent zero or false. Pure: no database, no clock.
/// </summary>
public static class RuleSetEvaluator
{
    /// <summary>Scores <paramref name="inputs"/> with a scoring (or demonstration) rule set.</summary>
    public static ScoringResult Score(CompiledRuleSet set, RuleInputs inputs, string subject)
    {
        // Loops rather than LINQ: this runs for every subject of every assessment and simulation.
        var run = new Run(set, inputs, subject);
        var items = new List<ItemResult>(set.Rules.Count);
        double earned = 0, applicable = 0, bonusEarned = 0;
        foreach (var rule in set.Rules)
        {
            if (rule.Properties.Mandatory)
            {
                continue;
            }

            var item = Item(run, rule, parentApplies: true);
            items.Add(item);
            if (item.Bonus)
            {
                bonusEarned += item.Points;
            }
            else
            {
                earned += item.Points;
                applicable += item.ApplicableMax;
            }
        }

        var total = set.Document.TotalPoints ?? applicable;
        var rescale = set.Document.NotApplicable == NotApplicablePolicy.Rescale && applicable > 0;
        var baseScore = rescale ? earned * total / applicable : earned;
        var bonus = Math.Min(bonusEarned, set.Document.BonusPoints ?? 0);
        return new ScoringResult(set.Id, baseScore + bonus, rescale ? total : applicable, earned, applicable, bonus, items);
    }

    /// <summary>
    /// Grades <paramref name="inputs"/> (whose <c>s</c> holds the score): the first band that holds, lowered to the
    /// harshest grade any veto that holds forces. A veto never raises a grade, and their order does not matter.
    /// </summary>
    public static GradingResult Grade(CompiledRuleSet set, RuleInputs inputs, string subject)
    {
        var run = new Run(set, inputs, subject);
        var band = set.Rules.FirstOrDefault(rule => !rule.Properties.Veto && run.Holds(rule))
                   ?? throw new RuleEvaluationException(set.Id, "-", subject, string.Format(Strings.RuleNoGrade, inputs.Score.Score));
        var vetoes = set.Rules.Where(rule => rule.Properties.Veto && run.Holds(rule)).ToArray();
        var grade = vetoes.Select(rule => rule.Properties.ForceGrade).Append(band.Properties.Grade!)
            .MaxBy(code => Array.IndexOf(RuleCompiler.Grades, code))!;
        var labelled = set.Rules.FirstOrDefault(rule => rule.Properties.Grade == grade) ?? band;
        return new GradingResult(set.Id, grade, labelled.Properties.Label, labelled.Properties.LabelEn, vetoes.Length > 0,
            vetoes.Select(rule => rule.Name).ToArray());
    }

    /// <summary>Whether <paramref name="inputs"/> qualify for a demonstration programme: every mandatory gate holds, and the score and stars suffice.</summary>
    public static DemonstrationResult Qualify(CompiledRuleSet set, RuleInputs inputs, string subject)
    {
        var run = new Run(set, inputs, subject);
        var failed = set.Rules.Where(rule => rule.Properties.Mandatory && !run.Holds(rule)).Select(rule => rule.Name).ToList();
        ScoringResult? score = null;
        if (set.Rules.Any(rule => !rule.Properties.Mandatory))
        {
            score = Score(set, inputs, subject);
            if (set.Document.Qualify?.MinScore is { } minimum && score.Score < minimum - 1e-9)
            {
                failed.Add($"score<{minimum}");
            }

            if (set.Document.Qualify?.StarredNonZero == true)
            {
                failed.AddRange(score.AllItems.Where(item => item.Star && item.Applies && item.Points <= 0).Select(item => item.Rule));
            }
        }

        return new DemonstrationResult(set.Id, set.Document.Title.Zh, set.Document.Title.En, failed.Count == 0, score, failed);
    }

    /// <summary>The penalties whose thresholds <paramref name="inputs"/> cross.</summary>
    public static IReadOnlyList<PenaltyResult> Penalties(CompiledRuleSet set, RuleInputs inputs, string subject)
    {
        var run = new Run(set, inputs, subject);
        return set.Rules.Where(run.Holds).Select(rule => new PenaltyResult(set.Id, rule.Name, rule.Properties.Label, rule.Properties.LabelEn,
            rule.Properties.Action!, rule.Properties.Severity, rule.Properties.Years, rule.Properties.DeadlineDays, rule.Properties.DeductPoints)).ToArray();
    }

    /// <summary>The incentives <paramref name="inputs"/> earn, with their amounts.</summary>
    public static IReadOnlyList<IncentiveResult> Incentives(CompiledRuleSet set, RuleInputs inputs, string subject)
    {
        var run = new Run(set, inputs, subject);
        return set.Rules.Where(run.Holds).Select(rule =>
        {
            var amount = run.Value(rule);
            return amount < 0
                ? throw new RuleEvaluationException(set.Id, rule.Name, subject, string.Format(Strings.RuleNegativeAmount, amount))
                : new IncentiveResult(set.Id, rule.Name, rule.Properties.Label, rule.Properties.LabelEn, rule.Properties.IncentiveType!, amount, rule.Properties.Unit);
        }).ToArray();
    }

    /// <summary>The data-quality findings on <paramref name="inputs"/>.</summary>
    public static IReadOnlyList<QualityIssue> Check(CompiledRuleSet set, RuleInputs inputs, string subject)
    {
        var run = new Run(set, inputs, subject);
        return set.Rules.Where(run.Holds).Select(rule => new QualityIssue(set.Id, rule.Name, rule.Properties.Label, rule.Properties.LabelEn,
            rule.Properties.Level!, rule.Properties.Message ?? rule.Properties.Label, rule.Properties.MessageEn ?? rule.Properties.LabelEn)).ToArray();
    }

    /// <summary>Traces every rule of <paramref name="set"/> for <paramref name="inputs"/>: condition, output, and each input read with its value.</summary>
    public static IReadOnlyList<RuleTrace> Trace(CompiledRuleSet set, RuleInputs inputs, string subject)
    {
        var run = new Run(set, inputs, subject);
        var traces = new List<RuleTrace>();
        foreach (var rule in set.Rules)
        {
            traces.Add(Trace(run, rule, null));
            traces.AddRange(rule.Children.Select(child => Trace(run, child, rule.Name)));
        }

        return traces;
    }

    private static RuleTrace Trace(Run run, CompiledRule rule, string? group)
    {
        // A scoring group without a condition just adds up its items: it neither holds nor fails.
        var isItemGroup = rule.Condition is null && run.Set.Kind is RuleSetKind.Scoring or RuleSetKind.Demonstration && !rule.Properties.Mandatory;
        bool? holds = isItemGroup || (rule.Condition is null && !rule.IsGroup) ? null : run.Holds(rule);
        double? output = rule.Output is not null && holds != false ? run.Value(rule) : null;
        var arguments = run.WithLocals(rule);
        var expressions = new[] { rule.Condition, rule.Output }.OfType<CompiledExpression>().Concat(rule.Locals.Select(local => local.Expression));
        var inputs = expressions.SelectMany(expression => expression.References)
            .DistinctBy(reference => reference.Path)
            .Select(reference => new TracedInput(reference.Path, reference.Get(arguments)))
            .ToArray();
        return new RuleTrace(run.Set.Id, run.Set.Kind, rule.Name, group, rule.Properties.Label, rule.Properties.LabelEn, holds, output, inputs);
    }

    private static ItemResult Item(Run run, CompiledRule rule, bool parentApplies)
    {
        var applies = parentApplies && (rule.Condition is null || run.Holds(rule));
        var max = rule.Properties.Points ?? 0;
        if (rule.IsGroup)
        {
            var children = new ItemResult[rule.Children.Count];
            double points = 0, applicableMax = 0;
            for (var index = 0; index < children.Length; index++)
            {
                children[index] = Item(run, rule.Children[index], applies);
                points += children[index].Points;
                applicableMax += children[index].ApplicableMax;
            }

            return new ItemResult(rule.Name, rule.Properties.Label, rule.Properties.LabelEn, applies, points, max, applicableMax, rule.Properties.Star,
                rule.Properties.Bonus, children);
        }

        var value = applies ? run.Value(rule) : 0;
        if (value < -1e-9 || value > max + 1e-9)
        {
            throw new RuleEvaluationException(run.Set.Id, rule.Name, run.Subject, string.Format(Strings.RulePointsOutOfRange, value, max));
        }

        return new ItemResult(rule.Name, rule.Properties.Label, rule.Properties.LabelEn, applies, Math.Clamp(value, 0, max), max,
            applies ? max : 0, rule.Properties.Star, rule.Properties.Bonus, []);
    }

    /// <summary>One evaluation: the argument array with the global parameters computed once.</summary>
    private sealed class Run
    {
        private readonly object?[] _arguments;
        private readonly int _firstLocal;

        public Run(CompiledRuleSet set, RuleInputs inputs, string subject)
        {
            Set = set;
            Subject = subject;
            _firstLocal = set.Layout.Count + set.Globals.Count;
            _arguments = inputs.Arguments(set.Layout, set.Globals.Count + set.LocalDepth);
            for (var index = 0; index < set.Globals.Count; index++)
            {
                _arguments[set.Layout.Count + index] = Invoke(set.Globals[index].Expression, set.Globals[index].Name);
            }
        }

        public CompiledRuleSet Set { get; }

        public string Subject { get; }

        /// <summary>Whether the rule's condition holds; a group without one combines its children.</summary>
        public bool Holds(CompiledRule rule)
        {
            if (rule.Condition is null)
            {
                return rule.Operator == "Or" ? rule.Children.Any(Holds) : rule.Children.All(Holds);
            }

            WithLocals(rule);
            try
            {
                return rule.Condition.EvaluateCondition(_arguments);
            }
            catch (Exception e) when (e is not RuleEvaluationException)
            {
                throw new RuleEvaluationException(Set.Id, rule.Name, Subject, e.Message, e);
            }
        }

        /// <summary>The rule's output, which must be a known number.</summary>
        public double Value(CompiledRule rule)
        {
            WithLocals(rule);
            double value;
            try
            {
                value = rule.Output is null ? 0 : rule.Output.EvaluateNumber(_arguments);
            }
            catch (Exception e) when (e is not RuleEvaluationException)
            {
                throw new RuleEvaluationException(Set.Id, rule.Name, Subject, e.Message, e);
            }

            return double.IsFinite(value)
                ? value
                : throw new RuleEvaluationException(Set.Id, rule.Name, Subject, string.Format(Strings.RuleValueNotFinite, value));
        }

        public object?[] WithLocals(CompiledRule rule)
        {
            for (var index = 0; index < rule.Locals.Count; index++)
            {
                _arguments[_firstLocal + index] = Invoke(rule.Locals[index].Expression, rule.Name);
            }

            return _arguments;
        }

        private object? Invoke(CompiledExpression expression, string rule)
        {
            try
            {
                return expression.Evaluate(_arguments);
            }
            catch (Exception e) when (e is not RuleEvaluationException)
            {
                throw new RuleEvaluationException(Set.Id, rule, Subject, e.Message, e);
            }
        }
    }
}
