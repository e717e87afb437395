using Assessment.Data;
using Assessment.Scheduling;
using Hangfire;

namespace Assessment.Web;

/// <summary>Runs the Hangfire server of <see cref="JobHost"/> for as long as the web host runs, with the stored schedules applied at start.</summary>
public sealed class JobHostService(Database database, JobStorage storage, TimeProvider clock, ILogger<JobHostService> logger) : IHostedService
{
    private JobHost? _host;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _host = JobHost.Start(database, storage, clock, new JobHostOptions { Log = line => logger.LogInformation("{Job}", line) });
        var schedules = await _host.ApplySchedulesAsync(cancellationToken);
        logger.LogInformation("Recurring jobs: {Jobs}", string.Join(", ", schedules.Where(s => s.Enabled).Select(s => $"{s.Job.Id} ({s.Cron})")));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
