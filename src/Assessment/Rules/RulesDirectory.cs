namespace Assessment.Rules;

/// <summary>
/// Finds the <c>rules/</c> folder (factor tables, and the rule sets of later parts): the one in the current directory
/// when there is one, so that a bureau editing the files sees its edits, else the copy shipped beside the program.
/// </summary>
public static class RulesDirectory
{
    /// <summary>The rules folder, or null when neither exists.</summary>
    public static string? Find()
    {
        foreach (var candidate in new[] { Path.Combine(Directory.GetCurrentDirectory(), "rules"), Path.Combine(AppContext.BaseDirectory, "rules") })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The factor tables folder, <c>rules/factors</c>, or null.</summary>
    public static string? Factors() => Find() is { } rules ? Path.Combine(rules, "factors") : null;
}
