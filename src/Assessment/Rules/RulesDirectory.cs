namespace Assessment.Rules;

/// <summary>
/// Finds the folders of shipped definitions, <c>rules/</c> (factor tables, rule sets) and <c>workflows/</c>: the one in
/// the current directory when there is one, so that a bureau editing the files sees its edits, else the copy shipped
/// beside the program.
/// </summary>
public static class RulesDirectory
{
    /// <summary>The rules folder, or null when neither exists.</summary>
    public static string? Find() => FindFolder("rules");

    /// <summary>The factor tables folder, <c>rules/factors</c>, or null.</summary>
    public static string? Factors() => Find() is { } rules ? Path.Combine(rules, "factors") : null;

    /// <summary>The workflow definitions folder, or null.</summary>
    public static string? Workflows() => FindFolder("workflows");

    private static string? FindFolder(string name) =>
        new[] { Path.Combine(Directory.GetCurrentDirectory(), name), Path.Combine(AppContext.BaseDirectory, name) }.FirstOrDefault(Directory.Exists);
}
