namespace Assessment.Web.Tests.Support;

/// <summary>A test class with a host of its own on a copy of the demo database, started before its tests and stopped after.</summary>
public abstract class HostTest(DemoDatabase demo) : IAsyncLifetime
{
    protected TestHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await TestHost.StartAsync(demo.Copy());

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
