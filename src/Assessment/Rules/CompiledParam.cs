namespace Assessment.Rules;

/// <summary>A named value computed before the rules (RulesEngine GlobalParams) or before one rule (LocalParams).</summary>
public sealed record CompiledParam(string Name, Type Type, CompiledExpression Expression);
