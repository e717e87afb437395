using System.Linq.Expressions;

namespace Assessment.Rules;

/// <summary>
/// One expression of a rule, parsed once with the RulesEngine expression parser and compiled to a delegate over the
/// argument array (inputs, then parameters). The parsed lambda is kept to explain which inputs decided a result.
/// </summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(string text, Expression body, Func<object?[], object?> evaluate, Expression<Func<object?[], object?>> lambda,
        IReadOnlyList<InputReference> references, Func<object?[], double>? evaluateNumber = null, Func<object?[], bool>? evaluateCondition = null)
    {
        Text = text;
        Body = body;
        Evaluate = evaluate;
        Lambda = lambda;
        References = references;
        _number = evaluateNumber;
        _condition = evaluateCondition;
    }

    private readonly Func<object?[], double>? _number;
    private readonly Func<object?[], bool>? _condition;

    /// <summary>Runs a number expression without boxing its result (the hot path of scoring).</summary>
    public double EvaluateNumber(object?[] arguments) => _number is { } number ? number(arguments) : Convert.ToDouble(Evaluate(arguments));

    /// <summary>Runs a condition without boxing its result.</summary>
    public bool EvaluateCondition(object?[] arguments) => _condition is { } condition ? condition(arguments) : Evaluate(arguments) is true;

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The parsed expression, for checks that read its shape.</summary>
    public Expression Body { get; }

    /// <summary>Runs the expression on an argument array.</summary>
    public Func<object?[], object?> Evaluate { get; }

    /// <summary>The compiled form, for tools that inspect it.</summary>
    public Expression<Func<object?[], object?>> Lambda { get; }

    /// <summary>The inputs the expression reads (<c>i.EnergyPerArea</c>, <c>q.EnergyPerArea.Guide</c>, <c>m.Points("audit")</c>).</summary>
    public IReadOnlyList<InputReference> References { get; }
}

/// <summary>An input an expression reads, with a getter to show its value.</summary>
public sealed record InputReference(string Path, Func<object?[], object?> Get);
