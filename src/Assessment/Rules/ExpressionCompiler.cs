using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace Assessment.Rules;

/// <summary>
/// Parses expressions with the RulesEngine expression parser (System.Linq.Dynamic.Core with our custom types), so that
/// they mean exactly what they mean in RulesEngine, and compiles each once into a delegate over an argument array.
/// Unlike RulesEngine left alone, a parse error is reported here, at load time, not turned into false at run time.
/// </summary>
internal sealed class ExpressionCompiler
{
    /// <summary>Expressions longer than this are refused: a rule is a formula, not a program.</summary>
    public const int MaxLength = 4000;

    private static readonly ReSettings Settings = new() { CustomTypes = [typeof(Score), .. RuleInputs.Types] };

    private readonly RuleExpressionParser _parser = new(Settings);
    private readonly ParameterExpression[] _parameters;
    private readonly ParameterExpression _arguments = Expression.Parameter(typeof(object?[]), "args");

    /// <param name="parameters">Names and types of the arguments, in order: inputs, then parameters.</param>
    public ExpressionCompiler(IEnumerable<(string Name, Type Type)> parameters) =>
        _parameters = parameters.Select(parameter => Expression.Parameter(parameter.Type, parameter.Name)).ToArray();

    /// <summary>A compiler that also sees <paramref name="name"/> of <paramref name="type"/>, as the next argument.</summary>
    public ExpressionCompiler With(string name, Type type) =>
        new(_parameters.Select(parameter => (parameter.Name!, parameter.Type)).Append((name, type)));

    /// <summary>How many arguments the compiled delegates read.</summary>
    public int Count => _parameters.Length;

    /// <summary>Compiles <paramref name="text"/>; <paramref name="expected"/> is <c>bool</c>, <c>double</c> (any number) or null (any value).</summary>
    /// <exception cref="FormatException">The expression does not parse or is of the wrong type; the message says where.</exception>
    public (CompiledExpression Compiled, Type Type) Compile(string text, Type? expected)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException(Resources.Strings.RuleExpressionEmpty);
        }

        if (text.Length > MaxLength)
        {
            throw new FormatException(string.Format(Resources.Strings.RuleExpressionTooLong, text.Length, MaxLength));
        }

        Expression body;
        try
        {
            body = _parser.Parse(text, _parameters, null);
        }
        catch (ParseException e)
        {
            throw new FormatException(string.Format(Resources.Strings.RuleExpressionParse, e.Message + Signatures(e.Message), e.Position + 1, text), e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            throw new FormatException(string.Format(Resources.Strings.RuleExpressionParse, e.Message, 1, text), e);
        }

        if (expected == typeof(bool) && body.Type != typeof(bool))
        {
            throw new FormatException(string.Format(Resources.Strings.RuleExpressionNotBool, body.Type.Name, text));
        }

        if (expected == typeof(double))
        {
            if (!IsNumber(body.Type))
            {
                throw new FormatException(string.Format(Resources.Strings.RuleExpressionNotNumber, body.Type.Name, text));
            }

            body = Expression.Convert(body, typeof(double));
        }

        ConstantChecks.Check(body);
        var lambda = Wrap(body);
        // Numbers and conditions also get a typed delegate, so that scoring does not box every result.
        var number = expected == typeof(double) ? Typed<double>(body).Compile() : null;
        var condition = expected == typeof(bool) ? Typed<bool>(body).Compile() : null;
        return (new CompiledExpression(text, body, lambda.Compile(), lambda, References(body), number, condition), body.Type);
    }

    private Expression<Func<object?[], object?>> Wrap(Expression body) =>
        Expression.Lambda<Func<object?[], object?>>(Block(Expression.Convert(body, typeof(object))), _arguments);

    private Expression<Func<object?[], T>> Typed<T>(Expression body) => Expression.Lambda<Func<object?[], T>>(Block(body), _arguments);

    // The parameters read from the argument array, then the body.
    private BlockExpression Block(Expression body)
    {
        var assignments = _parameters.Select((parameter, index) => (Expression)Expression.Assign(
            parameter, Expression.Convert(Expression.ArrayIndex(_arguments, Expression.Constant(index)), parameter.Type)));
        return Expression.Block(_parameters, assignments.Append(body));
    }

    private static bool IsNumber(Type type) =>
        Type.GetTypeCode(Nullable.GetUnderlyingType(type) ?? type) is TypeCode.Double or TypeCode.Single or TypeCode.Decimal
            or TypeCode.Int32 or TypeCode.Int64 or TypeCode.Int16 or TypeCode.Byte;

    // "No applicable method 'Linear' exists in type 'Score'": say how Score.Linear is called.
    private static string Signatures(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "'(\\w+)' exists in type 'Score'");
        if (!match.Success)
        {
            return "";
        }

        var overloads = typeof(Score).GetMethods().Where(method => method.Name == match.Groups[1].Value)
            .Select(method => $"Score.{method.Name}({string.Join(", ", method.GetParameters().Select(parameter => parameter.Name))})");
        return " — " + string.Join(" | ", overloads);
    }

    // The outermost chains of member reads and calls with constant arguments that start at an input.
    private IReadOnlyList<InputReference> References(Expression body)
    {
        var found = new Dictionary<string, Expression>();
        Collect(body, found);
        return found.Select(pair =>
        {
            var getter = Wrap(pair.Value);
            var compiled = new Lazy<Func<object?[], object?>>(getter.Compile);
            return new InputReference(pair.Key, arguments => compiled.Value(arguments));
        }).ToArray();
    }

    private static void Collect(Expression? node, Dictionary<string, Expression> found)
    {
        if (node is null)
        {
            return;
        }

        // Score.Checklist(m, "audit", 6) reads m.Points("audit"): show that, not the whole checklist.
        if (node is MethodCallExpression { Method.Name: nameof(Score.Checklist) } checklist && checklist.Method.DeclaringType == typeof(Score)
            && checklist.Arguments[1] is ConstantExpression)
        {
            var read = Expression.Call(checklist.Arguments[0], typeof(Inputs.Checklist).GetMethod(nameof(Inputs.Checklist.Points))!, checklist.Arguments[1]);
            Collect(read, found);
            Collect(checklist.Arguments[2], found);
            return;
        }

        if (PathOf(node) is { } path)
        {
            if (IsValue(node.Type))
            {
                found.TryAdd(path, node);
                return;
            }

            if (node is ParameterExpression)
            {
                return;
            }
        }

        foreach (var child in Children(node))
        {
            Collect(child, found);
        }
    }

    // "q.EnergyPerArea.Guide" or "m.Points(\"audit\")" when the node only reads from an input; null otherwise.
    private static string? PathOf(Expression node) => node switch
    {
        ParameterExpression parameter => parameter.Name,
        MemberExpression { Expression: { } inner } member when PathOf(inner) is { } path => $"{path}.{member.Member.Name}",
        MethodCallExpression { Object: { } target } call when call.Arguments.All(argument => argument is ConstantExpression)
                                                            && PathOf(target) is { } path =>
            $"{path}.{call.Method.Name}({string.Join(", ", call.Arguments.Select(argument => Literal(((ConstantExpression)argument).Value)))})",
        _ => null,
    };

    private static bool IsValue(Type type) => type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || Nullable.GetUnderlyingType(type) is not null;

    private static string Literal(object? value) => value is string text ? $"\"{text}\"" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null";

    internal static IEnumerable<Expression?> Children(Expression node) => node switch
    {
        BinaryExpression binary => [binary.Left, binary.Right],
        UnaryExpression unary => [unary.Operand],
        ConditionalExpression conditional => [conditional.Test, conditional.IfTrue, conditional.IfFalse],
        MethodCallExpression call => call.Arguments.Prepend(call.Object),
        MemberExpression member => [member.Expression],
        InvocationExpression invocation => invocation.Arguments.Prepend(invocation.Expression),
        NewArrayExpression array => array.Expressions,
        NewExpression created => created.Arguments,
        LambdaExpression lambda => [lambda.Body],
        TypeBinaryExpression typed => [typed.Expression],
        _ => [],
    };

    internal static IEnumerable<T> Nodes<T>(Expression root) where T : Expression
    {
        var stack = new Stack<Expression>([root]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is T match)
            {
                yield return match;
            }

            foreach (var child in Children(node).OfType<Expression>())
            {
                stack.Push(child);
            }
        }
    }
}
