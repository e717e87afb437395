using System.Linq.Expressions;

namespace Assessment.Rules;

/// <summary>
/// One expression of a rule, parsed once with the RulesEngine expression parser and compiled to a delegate over the
/// argument array (inputs, then parameters). The parsed lambda is kept to explain which inputs decided a result.
/// </summary>
public sealed class CompiledExpression
{
    internal CompiledExpression(string text, Expression body, Func<object?[], object?> evaluate, Expression<Func<object?[], object?>> lambda,
        IReadOnlyList<InputReference> references)
    {
        Text = text;
        Body = body;
        Evaluate = evaluate;
        Lambda = lambda;
        References = references;
    }

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
