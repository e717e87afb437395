using System.Text.RegularExpressions;
using Assessment.Resources;

namespace Assessment.Rules;

/// <summary>Names an input path (<c>q.EnergyPerArea.Guide</c>) in the user's language: 定额 · 单位建筑面积能耗 · 引导值.</summary>
public static partial class InputLabels
{
    /// <summary>The label of <paramref name="path"/>; parts without a label keep their name.</summary>
    public static string Describe(string path) =>
        string.Join(" · ", Segments().Split(path).Where(part => part.Length > 0).Select((part, index) =>
        {
            var call = part.IndexOf('(');
            var name = call < 0 ? part : part[..call];
            var label = Strings.ResourceManager.GetString(index == 0 ? "Input_" + name : "Member_" + name, Strings.Culture);
            return label is null ? part : call < 0 ? label : label + part[call..];
        }));

    // Dots outside quotes and brackets separate the parts: m.Points("a.b") has two.
    [GeneratedRegex(@"\.(?=(?:[^""]*""[^""]*"")*[^""]*$)")]
    private static partial Regex Segments();
}
