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
    /// <summary>Scores <paramref name="inputs"/> with a scoring (or demonstration) rule set, every item's points itemised.</summary>
    public static ScoringResult Score(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
    {
        var points = new double[set.ScoredItems.Count];
        ScoreInto(set, inputs, subject, points);
        return Expand(set, points);
    }

    /// <summary>
    /// Scores <paramref name="inputs"/> into a flat row with one column per <see cref="CompiledRuleSet.ScoredItems"/>
    /// entry: the item's points, or NaN where it does not apply. Returns the score. Nothing is allocated per item, so a
    /// whole population can be scored into one array and itemised (<see cref="Expand"/>) only where it is looked at.
    /// </summary>
    public static double ScoreInto(CompiledRuleSet set, RuleInputs inputs, SubjectName subject, Span<double> points)
    {
        var items = set.ScoredItems;
        if (points.Length != items.Count)
        {
            throw new ArgumentException($"A row of {set.Id} has {items.Count} columns, not {points.Length}.", nameof(points));
        }

        using var run = Run.Rent(set, inputs, subject);
        return RowInto(run, points);
    }

    // The row of points with a run of the set already started (a demonstration set scores with the run of its gates).
    private static double RowInto(Run run, Span<double> points)
    {
        var set = run.Set;
        var items = set.ScoredItems;
        for (var column = 0; column < items.Count; column++)
        {
            var rule = items[column];
            if (!rule.IsGroup)
            {
                points[column] = Leaf(run, rule, parentApplies: true);
                continue;
            }

            // A group: its condition decides for its items, which follow it; its points are theirs added up.
            var applies = rule.Condition is null || run.Holds(rule);
            var group = column;
            double sum = 0;
            for (var child = 0; child < rule.Children.Count; child++)
            {
                var value = points[++column] = Leaf(run, rule.Children[child], applies);
                sum += double.IsNaN(value) ? 0 : value;
            }

            points[group] = applies ? sum : double.NaN;
        }

        return Totals(set, points).Score;
    }

    /// <summary>The itemised result of a row <see cref="ScoreInto"/> wrote; with <paramref name="itemise"/> false, the totals only (no items).</summary>
    public static ScoringResult Expand(CompiledRuleSet set, ReadOnlySpan<double> points, bool itemise = true)
    {
        var items = set.ScoredItems;
        var top = itemise ? new List<ItemResult>() : null;
        for (var column = 0; itemise && column < items.Count; column++)
        {
            var rule = items[column];
            var own = column;
            var children = new ItemResult[rule.Children.Count];
            for (var child = 0; child < children.Length; child++)
            {
                children[child] = Item(rule.Children[child], points[++column], []);
            }

            top!.Add(Item(rule, points[own], children));
        }

        var (score, max, earned, applicable, bonus) = Totals(set, points);
        return new ScoringResult(set.Id, score, max, earned, applicable, bonus, (IReadOnlyList<ItemResult>?)top ?? []);
    }

    private static ItemResult Item(CompiledRule rule, double points, ItemResult[] children)
    {
        var applies = !double.IsNaN(points);
        var max = rule.Properties.Points ?? 0;
        var applicableMax = children.Length > 0 ? children.Sum(child => child.ApplicableMax) : applies ? max : 0;
        return new ItemResult(rule.Name, rule.Properties.Label, rule.Properties.LabelEn, applies, applies ? points : 0, max, applicableMax,
            rule.Properties.Star, rule.Properties.Bonus, children);
    }

    // The score of a row: base points (rescaled over the items that apply if the set says so) plus the bonus, capped.
    private static (double Score, double Max, double Earned, double Applicable, double Bonus) Totals(CompiledRuleSet set, ReadOnlySpan<double> points)
    {
        var items = set.ScoredItems;
        double earned = 0, applicable = 0, bonusEarned = 0;
        // A top-level item counts as base or bonus by its own flag; a group's flag decides for its items.
        for (var column = 0; column < items.Count; column++)
        {
            var rule = items[column];
            double value = 0, max = 0;
            if (rule.IsGroup)
            {
                for (var child = 0; child < rule.Children.Count; child++)
                {
                    var childValue = points[++column];
                    if (!double.IsNaN(childValue))
                    {
                        value += childValue;
                        max += rule.Children[child].Properties.Points ?? 0;
                    }
                }
            }
            else if (!double.IsNaN(points[column]))
            {
                value = points[column];
                max = rule.Properties.Points ?? 0;
            }

            if (rule.Properties.Bonus)
            {
                bonusEarned += value;
            }
            else
            {
                earned += value;
                applicable += max;
            }
        }

        var total = set.Document.TotalPoints ?? applicable;
        var rescale = set.Document.NotApplicable == NotApplicablePolicy.Rescale && applicable > 0;
        var bonus = Math.Min(bonusEarned, set.Document.BonusPoints ?? 0);
        return ((rescale ? earned * total / applicable : earned) + bonus, rescale ? total : applicable, earned, applicable, bonus);
    }

    /// <summary>
    /// Grades <paramref name="inputs"/> (whose <c>s</c> holds the score): the first band that holds, lowered to the
    /// harshest grade any veto that holds forces. A veto never raises a grade, and their order does not matter.
    /// </summary>
    public static GradingResult Grade(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
    {
        // Loops rather than queries: every subject is graded once per round of penalties (a national run, millions of times).
        using var run = Run.Rent(set, inputs, subject);
        CompiledRule? band = null;
        for (var at = 0; at < set.Rules.Count; at++) // by index here and below: a foreach over a list's interface makes an enumerator every call
        {
            var rule = set.Rules[at];
            if (!rule.Properties.Veto && run.Holds(rule))
            {
                band = rule;
                break;
            }
        }

        if (band is null)
        {
            throw new RuleEvaluationException(set.Id, "-", subject.ToString(), string.Format(Strings.RuleNoGrade, inputs.Score.Score));
        }

        List<CompiledRule>? vetoes = null;
        for (var at = 0; at < set.Rules.Count; at++)
        {
            var rule = set.Rules[at];
            if (rule.Properties.Veto && run.Holds(rule))
            {
                (vetoes ??= []).Add(rule);
            }
        }

        var grade = band.Properties.Grade!;
        foreach (var veto in vetoes ?? [])
        {
            // The harshest grade wins; between equals, the first (as MaxBy gave it).
            if (Array.IndexOf(RuleCompiler.Grades, veto.Properties.ForceGrade) > Array.IndexOf(RuleCompiler.Grades, grade))
            {
                grade = veto.Properties.ForceGrade!;
            }
        }

        var labelled = set.Rules.FirstOrDefault(rule => rule.Properties.Grade == grade) ?? band;
        return new GradingResult(set.Id, grade, labelled.Properties.Label, labelled.Properties.LabelEn, vetoes is not null,
            vetoes?.Select(rule => rule.Name).ToArray() ?? []);
    }

    /// <summary>Whether <paramref name="inputs"/> qualify for a demonstration programme: every mandatory gate holds, and the score and stars suffice.</summary>
    /// <param name="keepPoints">Whether the result keeps the row of item points (examples check them); a run does not
    /// need them, and at national scale they were some 0.8 GB held through the stages.</param>
    public static DemonstrationResult Qualify(CompiledRuleSet set, RuleInputs inputs, SubjectName subject, bool keepPoints = true)
    {
        using var run = Run.Rent(set, inputs, subject);
        var failed = new List<string>();
        for (var at = 0; at < set.Rules.Count; at++)
        {
            var rule = set.Rules[at];
            if (rule.Properties.Mandatory && !run.Holds(rule))
            {
                failed.Add(rule.Name);
            }
        }

        double? score = null;
        double[]? kept = null;
        var items = set.ScoredItems;
        if (items.Count > 0)
        {
            Span<double> points = keepPoints || items.Count > 128 ? kept = new double[items.Count] : stackalloc double[items.Count];
            score = RowInto(run, points);
            if (set.Document.Qualify?.MinScore is { } minimum && score < minimum - 1e-9)
            {
                failed.Add($"score<{minimum}");
            }

            if (set.Document.Qualify?.StarredNonZero == true)
            {
                // A starred item that applies must have earned something.
                for (var column = 0; column < items.Count; column++)
                {
                    if (items[column].Properties.Star && !double.IsNaN(points[column]) && points[column] <= 0)
                    {
                        failed.Add(items[column].Name);
                    }
                }
            }
        }

        return new DemonstrationResult(set.Id, set.Document.Title.Zh, set.Document.Title.En, failed.Count == 0, score, failed, keepPoints ? kept : null);
    }

    /// <summary>The penalties whose thresholds <paramref name="inputs"/> cross.</summary>
    public static IReadOnlyList<PenaltyResult> Penalties(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
    {
        using var run = Run.Rent(set, inputs, subject);
        List<PenaltyResult>? found = null;
        for (var at = 0; at < set.Rules.Count; at++)
        {
            var rule = set.Rules[at];
            if (run.Holds(rule))
            {
                (found ??= []).Add(new PenaltyResult(set.Id, rule.Name, rule.Properties.Label, rule.Properties.LabelEn, rule.Properties.Action!,
                    rule.Properties.Severity, rule.Properties.Years, rule.Properties.DeadlineDays, rule.Properties.DeductPoints));
            }
        }

        return found ?? (IReadOnlyList<PenaltyResult>)[];
    }

    /// <summary>The incentives <paramref name="inputs"/> earn, with their amounts.</summary>
    public static IReadOnlyList<IncentiveResult> Incentives(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
    {
        using var run = Run.Rent(set, inputs, subject);
        List<IncentiveResult>? found = null;
        for (var at = 0; at < set.Rules.Count; at++)
        {
            var rule = set.Rules[at];
            if (!run.Holds(rule))
            {
                continue;
            }

            var amount = run.Value(rule) + 0.0; // never -0: a result shares equal findings with others, and -0 equals 0 there
            (found ??= []).Add(amount < 0
                ? throw new RuleEvaluationException(set.Id, rule.Name, subject.ToString(), string.Format(Strings.RuleNegativeAmount, amount))
                : new IncentiveResult(set.Id, rule.Name, rule.Properties.Label, rule.Properties.LabelEn, rule.Properties.IncentiveType!, amount, rule.Properties.Unit));
        }

        return found ?? (IReadOnlyList<IncentiveResult>)[];
    }

    /// <summary>The data-quality findings on <paramref name="inputs"/>.</summary>
    public static IReadOnlyList<QualityIssue> Check(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
    {
        using var run = Run.Rent(set, inputs, subject);
        List<QualityIssue>? found = null;
        for (var at = 0; at < set.Rules.Count; at++)
        {
            var rule = set.Rules[at];
            if (run.Holds(rule))
            {
                (found ??= []).Add(new QualityIssue(set.Id, rule.Name, rule.Properties.Label, rule.Properties.LabelEn, rule.Properties.Level!,
                    rule.Properties.Message ?? rule.Properties.Label, rule.Properties.MessageEn ?? rule.Properties.LabelEn));
            }
        }

        return found ?? (IReadOnlyList<QualityIssue>)[];
    }

    /// <summary>Traces every rule of <paramref name="set"/> for <paramref name="inputs"/>: condition, output, and each input read with its value.</summary>
    public static IReadOnlyList<RuleTrace> Trace(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
    {
        using var run = Run.Rent(set, inputs, subject);
        var traces = new List<RuleTrace>();
        for (var at = 0; at < set.Rules.Count; at++)
        {
            var rule = set.Rules[at];
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

    // One item's points, or NaN where it (or its group) does not apply; points outside 0..maximum are an error.
    private static double Leaf(Run run, CompiledRule rule, bool parentApplies)
    {
        if (!parentApplies || (rule.Condition is not null && !run.Holds(rule)))
        {
            return double.NaN;
        }

        var max = rule.Properties.Points ?? 0;
        var value = run.Value(rule);
        if (value < -1e-9 || value > max + 1e-9)
        {
            throw new RuleEvaluationException(run.Set.Id, rule.Name, run.Subject.ToString(), string.Format(Strings.RulePointsOutOfRange, value, max));
        }

        return Math.Clamp(value, 0, max);
    }

    /// <summary>
    /// One evaluation: the argument array with the global parameters computed once. A thread reuses its run and its
    /// array from one evaluation to the next (<see cref="Rent"/>, given back on <see cref="Dispose"/>): a national run
    /// makes some ten evaluations for each of 1.6 million institutions, and each made both anew before.
    /// </summary>
    private sealed class Run : IDisposable
    {
        [ThreadStatic]
        private static Run? t_free;

        private object?[] _arguments = [];
        private int _firstLocal;

        private Run()
        {
        }

        /// <summary>A run of <paramref name="set"/> for <paramref name="inputs"/>: the thread's own if it is free (an evaluation inside another gets a new one).</summary>
        public static Run Rent(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
        {
            var run = t_free ?? new Run();
            t_free = null;
            try
            {
                run.Start(set, inputs, subject);
            }
            catch
            {
                run.Dispose();
                throw;
            }

            return run;
        }

        private void Start(CompiledRuleSet set, RuleInputs inputs, SubjectName subject)
        {
            Set = set;
            Subject = subject;
            _firstLocal = set.Layout.Count + set.Globals.Count;
            var length = _firstLocal + set.LocalDepth;
            if (_arguments.Length < length)
            {
                _arguments = new object?[length];
            }

            inputs.Fill(set.Layout, _arguments);
            for (var index = 0; index < set.Globals.Count; index++)
            {
                _arguments[set.Layout.Count + index] = Invoke(set.Globals[index].Expression, set.Globals[index].Name);
            }
        }

        /// <summary>Gives the run back to its thread, holding nothing of the subject.</summary>
        public void Dispose()
        {
            Array.Clear(_arguments);
            Set = null!;
            t_free = this;
        }

        public CompiledRuleSet Set { get; private set; } = null!;

        /// <summary>How errors name the subject (its text made only for an error).</summary>
        public SubjectName Subject { get; private set; }

        /// <summary>Whether the rule's condition holds; a group without one combines its children.</summary>
        public bool Holds(CompiledRule rule)
        {
            if (rule.Condition is null)
            {
                var any = rule.Operator == "Or"; // loops, not Any/All: no delegate made for every subject
                for (var at = 0; at < rule.Children.Count; at++)
                {
                    var child = rule.Children[at];
                    if (Holds(child) == any)
                    {
                        return any;
                    }
                }

                return !any;
            }

            WithLocals(rule);
            try
            {
                return rule.Condition.EvaluateCondition(_arguments);
            }
            catch (Exception e) when (e is not (RuleEvaluationException or OutOfMemoryException))
            {
                throw new RuleEvaluationException(Set.Id, rule.Name, Subject.ToString(), e.Message, e);
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
            catch (Exception e) when (e is not (RuleEvaluationException or OutOfMemoryException))
            {
                throw new RuleEvaluationException(Set.Id, rule.Name, Subject.ToString(), e.Message, e);
            }

            return double.IsFinite(value)
                ? value
                : throw new RuleEvaluationException(Set.Id, rule.Name, Subject.ToString(), string.Format(Strings.RuleValueNotFinite, value));
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
            catch (Exception e) when (e is not (RuleEvaluationException or OutOfMemoryException))
            {
                throw new RuleEvaluationException(Set.Id, rule, Subject.ToString(), e.Message, e);
            }
        }
    }
}
