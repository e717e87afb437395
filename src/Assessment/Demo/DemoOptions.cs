namespace Assessment.Demo;

/// <summary>What demo prefecture to build: the seed of its random draws and how many institutions (941 is Changji in 2020).</summary>
public sealed record DemoOptions(int Seed = DemoOptions.DefaultSeed, int Institutions = DemoCalibration.Institutions2020)
{
    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 2020;
}
