using System.Text.RegularExpressions;
using Assessment.Resources;
using RulesEngine.Models;

namespace Assessment.Rules;

/// <summary>
/// Compiles a rule-set document: every global and local parameter, rule expression and action expression, against the
/// typed inputs of its level and kind; checks each rule's properties for its kind and that the declared points add up.
/// Every problem is collected, each naming the file and the rule.
/// </summary>
public static partial class RuleCompiler
{
    public const string OutputExpressionAction = "OutputExpression";

    private static readonly string[] Common = ["label", "labelEn", "source", "note"];

    private static readonly Dictionary<RuleSetKind, string[]> KindProperties = new()
    {
        [RuleSetKind.Scoring] = ["points", "star", "bonus"],
        [RuleSetKind.Demonstration] = ["points", "star", "bonus", "mandatory"],
        [RuleSetKind.Grading] = ["grade", "veto", "forceGrade"],
        [RuleSetKind.Penalty] = ["action", "severity", "years", "deadlineDays", "deductPoints"],
        [RuleSetKind.Incentive] = ["type", "unit"],
        [RuleSetKind.DataQuality] = ["level", "message", "messageEn"],
    };

    /// <summary>The penalty actions a penalty rule may name.</summary>
    public static readonly string[] PenaltyActions = ["warning", "public-notice", "ineligible-demonstration", "rectification", "points-deducted"];

    /// <summary>The grades, best first.</summary>
    public static readonly string[] Grades = ["excellent", "completed", "basic", "not-completed"];

    /// <summary>Compiles <paramref name="document"/> read from <paramref name="source"/>; throws <see cref="RuleSetException"/> with every problem.</summary>
    public static CompiledRuleSet Compile(RuleSetDocument document, string source, string text, string contentHash)
    {
        var problems = new List<string>();
        void Problem(string rule, string message) =>
            problems.Add(rule.Length == 0 ? $"{source}: {message}" : $"{source}: {string.Format(Strings.RuleNamed, rule)}: {message}");

        var layout = RuleInputs.Layout(document.Level, document.Kind);
        var compiler = new ExpressionCompiler(layout.Select(slot => (slot.Name, slot.Type)));
        var names = new HashSet<string>(layout.Select(slot => slot.Name));

        var globals = new List<CompiledParam>();
        foreach (var param in document.Workflow.GlobalParams ?? [])
        {
            if (Param(param, compiler, names, Problem, "GlobalParams") is { } compiled)
            {
                globals.Add(compiled);
                compiler = compiler.With(compiled.Name, compiled.Type);
            }
        }

        var ruleNames = new HashSet<string>(StringComparer.Ordinal);
        var rules = new List<CompiledRule>();
        foreach (var rule in document.Workflow.Rules ?? [])
        {
            if (CompileRule(document, rule, compiler, names, ruleNames, depth: 0, Problem) is { } compiled)
            {
                rules.Add(compiled);
            }
        }

        if (rules.Count == 0 && problems.Count == 0)
        {
            Problem("", Strings.RuleSetEmpty);
        }

        if (problems.Count == 0)
        {
            // With a rule missing, the sums would only repeat that problem.
            CheckPoints(document, rules, Problem);
        }

        return problems.Count > 0
            ? throw new RuleSetException(problems)
            : new CompiledRuleSet
            {
                Document = document,
                Source = source,
                Text = text,
                ContentHash = contentHash,
                Layout = layout,
                Globals = globals,
                Rules = rules,
            };
    }

    private static CompiledParam? Param(ScopedParam param, ExpressionCompiler compiler, ISet<string> names, Action<string, string> problem, string where)
    {
        if (string.IsNullOrWhiteSpace(param.Name) || !Identifier().IsMatch(param.Name) || !names.Add(param.Name))
        {
            problem("", string.Format(Strings.RuleParamName, where, param.Name));
            return null;
        }

        try
        {
            var (expression, type) = compiler.Compile(param.Expression, null);
            return new CompiledParam(param.Name, type, expression);
        }
        catch (FormatException e)
        {
            problem("", $"{where} {param.Name}: {e.Message}");
            return null;
        }
    }

    private static CompiledRule? CompileRule(RuleSetDocument document, Rule rule, ExpressionCompiler compiler, ISet<string> parameterNames,
        ISet<string> ruleNames, int depth, Action<string, string> problem)
    {
        var name = rule.RuleName ?? "";
        if (string.IsNullOrWhiteSpace(name))
        {
            problem("", Strings.RuleNameMissing);
            return null;
        }

        if (!ruleNames.Add(name))
        {
            problem(name, Strings.RuleNameDuplicate);
            return null;
        }

        if (!rule.Enabled)
        {
            return null;
        }

        var before = new List<string>();
        void Local(string rule, string message)
        {
            before.Add(message);
            problem(rule, message);
        }

        var properties = new RuleProperties(rule.Properties);
        CheckProperties(document.Kind, name, properties, Local);

        var scope = compiler;
        var localNames = new HashSet<string>(parameterNames);
        var locals = new List<CompiledParam>();
        foreach (var param in rule.LocalParams ?? [])
        {
            if (Param(param, scope, localNames, (_, message) => Local(name, message), "LocalParams") is { } compiled)
            {
                locals.Add(compiled);
                scope = scope.With(compiled.Name, compiled.Type);
            }
        }

        var children = new List<CompiledRule>();
        foreach (var child in rule.Rules ?? [])
        {
            if (depth > 0)
            {
                Local(name, Strings.RuleNestedTooDeep);
                break;
            }

            if (CompileRule(document, child, compiler, parameterNames, ruleNames, depth + 1, problem) is { } compiled)
            {
                children.Add(compiled);
            }
        }

        CompiledExpression? condition = null;
        if (!string.IsNullOrWhiteSpace(rule.Expression))
        {
            condition = Expression(scope, rule.Expression, typeof(bool), name, Local);
        }
        else if (children.Count == 0 && (rule.Rules?.Any() != true))
        {
            Local(name, Strings.RuleExpressionMissing);
        }

        CompiledExpression? output = null;
        if (rule.Actions?.OnFailure is not null)
        {
            Local(name, Strings.RuleOnFailureUnsupported);
        }

        if (rule.Actions?.OnSuccess is { } action)
        {
            if (action.Name != OutputExpressionAction)
            {
                Local(name, string.Format(Strings.RuleActionUnsupported, action.Name));
            }
            else if (action.Context?.TryGetValue("Expression", out var text) != true || text?.ToString() is not { Length: > 0 } expressionText)
            {
                Local(name, Strings.RuleActionExpressionMissing);
            }
            else
            {
                output = Expression(scope, expressionText, typeof(double), name, Local);
                if (output is not null && properties.Points is { } points && ConstantChecks.Maximum(output.Body) is { } top && top > points + 1e-9)
                {
                    Local(name, string.Format(Strings.RuleOutputAboveMax, top, points));
                }
            }
        }

        CheckShape(document.Kind, name, properties, output is not null || rule.Actions?.OnSuccess is not null, children.Count > 0, Local);
        if (rule.Rules?.Any() == true && rule.Operator is not ("And" or "Or" or "AndAlso" or "OrElse"))
        {
            // RulesEngine refuses nested rules without an operator; so do we, so that every file stays a valid workflow.
            Local(name, string.Format(Strings.RuleOperatorUnknown, rule.Operator));
        }

        return before.Count > 0
            ? null
            : new CompiledRule
            {
                Name = name,
                Properties = properties,
                Condition = condition,
                Output = output,
                Locals = locals,
                Children = children,
                Operator = rule.Operator is "Or" or "OrElse" ? "Or" : "And",
            };
    }

    private static CompiledExpression? Expression(ExpressionCompiler compiler, string text, Type expected, string rule, Action<string, string> problem)
    {
        try
        {
            return compiler.Compile(text, expected).Compiled;
        }
        catch (FormatException e)
        {
            problem(rule, e.Message);
            return null;
        }
    }

    private static void CheckProperties(RuleSetKind kind, string rule, RuleProperties properties, Action<string, string> problem)
    {
        var allowed = Common.Concat(KindProperties[kind]).ToHashSet();
        foreach (var unknown in properties.Names.Where(name => !allowed.Contains(name)))
        {
            problem(rule, string.Format(Strings.RulePropertyUnknown, unknown, string.Join(", ", allowed)));
        }

        if (string.IsNullOrWhiteSpace(properties.Label))
        {
            problem(rule, Strings.RuleLabelMissing);
        }

        try
        {
            _ = (properties.Points, properties.Star, properties.Bonus, properties.Veto, properties.Mandatory, properties.Severity, properties.Years,
                properties.DeadlineDays, properties.DeductPoints);
        }
        catch (FormatException e)
        {
            problem(rule, e.Message);
        }
    }

    // What each kind asks of a rule beyond its expressions.
    private static void CheckShape(RuleSetKind kind, string rule, RuleProperties properties, bool hasOutput, bool isGroup, Action<string, string> problem)
    {
        switch (kind)
        {
            case RuleSetKind.Scoring or RuleSetKind.Demonstration when properties.Mandatory:
                if (hasOutput || properties.Points is not null)
                {
                    problem(rule, Strings.RuleMandatoryHasPoints);
                }

                break;
            case RuleSetKind.Scoring or RuleSetKind.Demonstration:
                if (properties.Points is not > 0)
                {
                    problem(rule, Strings.RulePointsMissing);
                }

                if (!isGroup && !hasOutput)
                {
                    problem(rule, Strings.RuleOutputMissing);
                }

                if (isGroup && hasOutput)
                {
                    problem(rule, Strings.RuleGroupHasOutput);
                }

                break;
            case RuleSetKind.Grading or RuleSetKind.Penalty or RuleSetKind.DataQuality when hasOutput:
                problem(rule, Strings.RuleOutputNotUsed);
                break;
            case RuleSetKind.Grading:
                if (properties.Veto == (properties.Grade is not null))
                {
                    problem(rule, Strings.RuleGradeOrVeto);
                }

                foreach (var grade in new[] { properties.Grade, properties.Veto ? properties.ForceGrade : null }.OfType<string>())
                {
                    if (!Grades.Contains(grade))
                    {
                        problem(rule, string.Format(Strings.RuleGradeUnknown, grade, string.Join(", ", Grades)));
                    }
                }

                break;
            case RuleSetKind.Penalty:
                if (properties.Action is not { } action || !PenaltyActions.Contains(action))
                {
                    problem(rule, string.Format(Strings.RulePenaltyAction, properties.Action, string.Join(", ", PenaltyActions)));
                }

                break;
            case RuleSetKind.Incentive:
                if (string.IsNullOrWhiteSpace(properties.IncentiveType) || !hasOutput)
                {
                    problem(rule, Strings.RuleIncentiveShape);
                }

                break;
            case RuleSetKind.DataQuality:
                if (properties.Level is not ("warning" or "error"))
                {
                    problem(rule, string.Format(Strings.RuleQualityLevel, properties.Level));
                }

                break;
        }
    }

    // Declared points add up: top-level items to the total, bonus items within the bonus, children to their group.
    private static void CheckPoints(RuleSetDocument document, IReadOnlyList<CompiledRule> rules, Action<string, string> problem)
    {
        if (document.Kind is not (RuleSetKind.Scoring or RuleSetKind.Demonstration))
        {
            return;
        }

        foreach (var group in rules.Where(rule => rule.IsGroup))
        {
            var children = group.Children.Sum(child => child.Properties.Points ?? 0);
            if (Math.Abs(children - (group.Properties.Points ?? 0)) > 1e-9)
            {
                problem(group.Name, string.Format(Strings.RuleGroupPoints, group.Properties.Points, children));
            }
        }

        var items = rules.Where(rule => !rule.Properties.Mandatory).ToArray();
        var basePoints = items.Where(rule => !rule.Properties.Bonus).Sum(rule => rule.Properties.Points ?? 0);
        var bonusPoints = items.Where(rule => rule.Properties.Bonus).Sum(rule => rule.Properties.Points ?? 0);
        if (items.Length > 0 && document.TotalPoints is not { } total)
        {
            problem("", Strings.RuleSetTotalMissing);
        }
        else if (items.Length > 0 && Math.Abs(basePoints - document.TotalPoints!.Value) > 1e-9)
        {
            problem("", string.Format(Strings.RuleSetTotalMismatch, document.TotalPoints, basePoints));
        }

        if (Math.Abs(bonusPoints - (document.BonusPoints ?? 0)) > 1e-9)
        {
            problem("", string.Format(Strings.RuleSetBonusMismatch, document.BonusPoints ?? 0, bonusPoints));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
