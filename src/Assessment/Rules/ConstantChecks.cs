using System.Linq.Expressions;
using Assessment.Resources;
using Assessment.Rules.Inputs;

namespace Assessment.Rules;

/// <summary>
/// Checks the constants an expression passes, at load time: band specifications, checklist item names (against the
/// vocabulary), penalty actions and grades. A misspelt constant would otherwise be a silent zero or a silent false.
/// </summary>
internal static class ConstantChecks
{
    /// <summary>Throws <see cref="FormatException"/> naming the first constant that names nothing.</summary>
    public static void Check(Expression body)
    {
        foreach (var node in ExpressionCompiler.Nodes<Expression>(body))
        {
            switch (node)
            {
                case MethodCallExpression call when call.Method.DeclaringType == typeof(Score) && call.Method.Name == nameof(Score.Bands)
                                                    && call.Arguments[1] is ConstantExpression { Value: string spec }:
                    Score.CheckBands(spec);
                    break;
                case MethodCallExpression call when call.Method.DeclaringType == typeof(Score) && call.Method.Name == nameof(Score.Checklist):
                    Item(call.Arguments[1]);
                    break;
                case MethodCallExpression call when call.Method.DeclaringType == typeof(Checklist):
                    Item(call.Arguments[0]);
                    break;
                case MethodCallExpression call when call.Method.DeclaringType == typeof(History) && call.Method.Name == nameof(History.Penalized):
                    OneOf(call.Arguments[0], RuleCompiler.PenaltyActions, Strings.ConstantPenaltyUnknown);
                    break;
                case MethodCallExpression call when call.Method.DeclaringType == typeof(ScoreFacts) && call.Method.Name == nameof(ScoreFacts.AtLeast):
                    OneOf(call.Arguments[0], RuleCompiler.Grades, Strings.ConstantGradeUnknown);
                    break;
                case BinaryExpression { NodeType: ExpressionType.Equal or ExpressionType.NotEqual } comparison when IsGrade(comparison.Left) || IsGrade(comparison.Right):
                    OneOf(IsGrade(comparison.Left) ? comparison.Right : comparison.Left, [.. RuleCompiler.Grades, ""], Strings.ConstantGradeUnknown);
                    break;
            }
        }
    }

    private static bool IsGrade(Expression node) =>
        node is MemberExpression { Member.Name: nameof(ScoreFacts.Grade) } member && member.Member.DeclaringType == typeof(ScoreFacts)
        || node is MethodCallExpression { Method.Name: nameof(History.Grade) } call && call.Method.DeclaringType == typeof(History);

    private static void Item(Expression argument)
    {
        if (argument is ConstantExpression { Value: string item } && ChecklistVocabulary.Current is { } vocabulary && !vocabulary.Contains(item))
        {
            throw new FormatException(string.Format(Strings.ConstantItemUnknown, item, string.Join(", ", vocabulary.Items.Select(known => known.Id))));
        }
    }

    private static void OneOf(Expression argument, IReadOnlyCollection<string> allowed, string message)
    {
        if (argument is ConstantExpression { Value: string value } && !allowed.Contains(value))
        {
            throw new FormatException(string.Format(message, value, string.Join(", ", allowed.Where(text => text.Length > 0))));
        }
    }

    /// <summary>
    /// The most points an output expression can give, where its shape says so (a helper with a constant maximum, a
    /// constant, a choice between such); null where it cannot be known before running.
    /// </summary>
    public static double? Maximum(Expression node) => node switch
    {
        ConstantExpression { Value: IConvertible value } when value is not string and not bool => value.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
        UnaryExpression { NodeType: ExpressionType.Convert } convert => Maximum(convert.Operand),
        ConditionalExpression choice => Maximum(choice.IfTrue) is { } a && Maximum(choice.IfFalse) is { } b ? Math.Max(a, b) : null,
        BinaryExpression { NodeType: ExpressionType.Add } sum => Maximum(sum.Left) is { } a && Maximum(sum.Right) is { } b ? a + b : null,
        MethodCallExpression call when call.Method.DeclaringType == typeof(Score) => call.Method.Name switch
        {
            nameof(Score.Bands) when call.Arguments[1] is ConstantExpression { Value: string spec } => Score.BandsMaximum(spec),
            nameof(Score.Linear) or nameof(Score.Completion) or nameof(Score.Checklist) or nameof(Score.Increment) or nameof(Score.Clamp)
                => Maximum(call.Arguments[call.Method.Name == nameof(Score.Linear) ? 3 : 2]),
            nameof(Score.OverCompletion) => Maximum(call.Arguments[4]),
            _ => null,
        },
        _ => null,
    };
}
