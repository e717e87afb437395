namespace Assessment.Demo;

/// <summary>What demo prefecture to build: the seed of its random draws and how many institutions (941 is Changji in 2020).</summary>
public sealed record DemoOptions(int Seed = DemoOptions.DefaultSeed, int Institutions = DemoCalibration.Institutions2020)
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 2020;

    /// <summary>Above this many institutions the demo is national-scale (<see cref="NationalScale"/>).</summary>
    public const int NationalScaleAbove = 100_000;

    /// <summary>
    /// A national-scale demo (more than <see cref="NationalScaleAbove"/> institutions) writes the last year only — 12
    /// months each, its area and users and reviewed checklists — with quotas from that year and no targets or earlier
    /// years, publishes the rule sets and assesses nothing: what a load test of <c>assess</c> needs, at a size where ten
    /// years of months would be 190 million rows.
    /// </summary>
    public bool NationalScale => Institutions > NationalScaleAbove;

    /// <summary>The years whose data the demo writes.</summary>
    public IReadOnlyList<int> YearsWritten => NationalScale ? [DemoCalibration.LastYear] : DemoCalibration.Years.ToArray();
}
