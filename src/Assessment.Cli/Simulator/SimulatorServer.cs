using System.Globalization;
using System.Net.Sockets;
using Assessment.Assessing;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Rules;
using Assessment.Scheduling;

namespace Assessment.Cli.Simulator;

/// <summary>
/// <c>assessment rules simulator</c>: keeps a year read and assessed with the rule sets in force (the same
/// <see cref="SimulationCache"/> as the web editor and the watch mode) and answers the <c>rules simulate</c> commands
/// run on the same database, so that a one-off command runs the draft only. While idle it reads the year again a few
/// seconds after something was committed, so that the next command finds it current. It stops on Ctrl+C, or after
/// <c>--idle-minutes</c> without a request.
/// </summary>
internal sealed class SimulatorServer(Database database, TimeProvider clock, TextWriter output)
{
    private readonly TextWriter log = TextWriter.Synchronized(output); // requests are answered side by side

    /// <summary>How long the database must be quiet after a commit before the year is read again (an import commits once; a workflow's clicks come close together).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private readonly CultureInfo _language = CultureInfo.CurrentUICulture;
    private long _lastRequest;
    private int _year; // the year kept fresh: --year, else the year last asked for (0: none yet); read by the loop, set by requests

    public async Task RunAsync(string socketPath, int? year, TimeSpan idle, CancellationToken cancellationToken)
    {
        if (!SimulatorChannel.Private(socketPath, create: true))
        {
            throw new ArgumentException(string.Format(CliText.SimulatorFolderNotPrivate, Path.GetDirectoryName(socketPath)));
        }

        // One simulator per database: the one holding the lock owns the socket's path (a socket found there without
        // the lock was left by one that was killed, or made by hand: replaced).
        using var owned = await LockAsync(socketPath, cancellationToken);
        File.Delete(socketPath);
        _year = year ?? 0;
        _lastRequest = clock.GetTimestamp();
        await using var cache = new SimulationCache(database, clock);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            throw new ArgumentException(string.Format(CliText.SimulatorCannotListen, socketPath, e.Message), e);
        }

        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            listener.Listen(16);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var accepting = AcceptAsync(listener, cache, stop.Token);
            try
            {
                if (year is { } first)
                {
                    await WarmAsync(cache, first, stop.Token); // requests meanwhile wait for the year, not read it a second time
                }

                await log.WriteLineAsync(string.Format(CliText.SimulatorReady, database.Target.Display, Environment.ProcessId, socketPath));
                await KeepFreshAsync(cache, idle, stop.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM (also while warming up): stop answering.
            }

            await stop.CancelAsync();
            await accepting;
        }
        finally
        {
            File.Delete(socketPath); // ours: nobody else could bind there while the lock is held
        }
    }

    // The lock beside the socket, held while the simulator runs; a running simulator's process is named when it answers.
    private async Task<FileStream> LockAsync(string socketPath, CancellationToken cancellationToken)
    {
        try
        {
            return new FileStream(SimulatorChannel.LockPath(socketPath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var (_, running) = await SimulatorChannel.AskAsync(socketPath, new SimulatorRequest("", "", 0, 0, "", Ping: true), cancellationToken);
            throw new ArgumentException(running is null
                ? string.Format(CliText.SimulatorLocked, database.Target.Display, SimulatorChannel.LockPath(socketPath))
                : string.Format(CliText.SimulatorRunning, running.Pid, database.Target.Display));
        }
    }

    // Reads the year, then answers a request for the scoring set in force as a command's would be answered (checks,
    // simulation, the answer written) until no more code is being compiled, so that the first command finds both the
    // year and the code of an answer ready (on two cores, compiling beside a command's start made its answer slow).
    private async Task WarmAsync(SimulationCache cache, int year, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await cache.KeepFreshAsync(year, TimeSpan.Zero, cancellationToken);
        StoredRuleSet? scoring;
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            scoring = (await new RuleSetRepository(session).InForceAsync(year, cancellationToken))
                .FirstOrDefault(set => set.Level == "institution" && set.Kind == "scoring");
        }

        if (scoring is not null)
        {
            var request = new SimulatorRequest(scoring.SourceFile, scoring.Document, year, 10, CultureInfo.CurrentUICulture.Name);
            for (var (run, compiled) = (0, -1L); run < 8 && System.Runtime.JitInfo.GetCompiledMethodCount() is var now && now != compiled; run++, compiled = now)
            {
                var response = await SimulateAsync(request, cache, quiet: true, cancellationToken);
                await System.Text.Json.JsonSerializer.SerializeAsync(Stream.Null, response, SimulatorJson.Default.SimulatorResponse, cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken); // the runtime recompiles hot code in the background
            }
        }

        await log.WriteLineAsync(string.Format(CultureInfo.CurrentCulture, CliText.SimulatorRead, Now(), year, watch.Elapsed.TotalSeconds));
    }

    // Every few seconds: the kept year is read again once the database has settled after a change; after idle time
    // without a request the simulator stops.
    private async Task KeepFreshAsync(SimulationCache cache, TimeSpan idle, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(Poll, clock, cancellationToken);
            if (idle > TimeSpan.Zero && clock.GetElapsedTime(Interlocked.Read(ref _lastRequest)) >= idle)
            {
                await log.WriteLineAsync(string.Format(CultureInfo.CurrentCulture, CliText.SimulatorIdle, Now(), idle.TotalMinutes));
                return;
            }

            if (Volatile.Read(ref _year) is var year and > 0)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    if (await cache.KeepFreshAsync(year, Settle, cancellationToken))
                    {
                        await log.WriteLineAsync(string.Format(CultureInfo.CurrentCulture, CliText.SimulatorReadAgain, Now(), year, watch.Elapsed.TotalSeconds));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A year that cannot be read now (a file being replaced, rules failing) is read by the next request, which reports why.
                    await log.WriteLineAsync($"{CliText.ErrorPrefix}{e.Message}");
                }
            }
        }
    }

    private async Task AcceptAsync(Socket listener, SimulationCache cache, CancellationToken cancellationToken)
    {
        var answering = new List<Task>();
        try
        {
            while (true)
            {
                var client = await listener.AcceptAsync(cancellationToken);
                answering.RemoveAll(task => task.IsCompleted);
                answering.Add(Task.Run(() => AnswerAsync(client, cache, cancellationToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the answers under way end with it.
        }

        await Task.WhenAll(answering);
    }

    private async Task AnswerAsync(Socket client, SimulationCache cache, CancellationToken cancellationToken)
    {
        using var socket = client;
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var request = await SimulatorChannel.ReceiveAsync(stream, SimulatorJson.Default.SimulatorRequest, cancellationToken);
            var response = request.Ping ? new SimulatorResponse(Environment.ProcessId, null, null, null) : await SimulateAsync(request, cache, quiet: false, cancellationToken);
            await SimulatorChannel.SendAsync(stream, socket, response, SimulatorJson.Default.SimulatorResponse, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException or System.Text.Json.JsonException or InvalidDataException or OperationCanceledException)
        {
            // The command went away, sent something else, or the simulator is stopping: it reads the year itself.
        }
    }

    private async Task<SimulatorResponse> SimulateAsync(SimulatorRequest request, SimulationCache cache, bool quiet, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastRequest, clock.GetTimestamp());
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(request.Culture); // this request's flow only
        }
        catch (CultureNotFoundException)
        {
            // A request not made by the command: answered in the simulator's language.
        }

        try
        {
            var check = RuleSetValidation.CheckText(request.Text, request.File);
            if (!check.Passed)
            {
                return new SimulatorResponse(Environment.ProcessId, null, check.Problems, null);
            }

            var simulation = await cache.SimulateAsync(check.RuleSet!, request.Year, request.Top, cancellationToken);
            Volatile.Write(ref _year, request.Year); // the year asked for is the one kept (the cache keeps one)
            if (!quiet)
            {
                await log.WriteLineAsync(string.Format(CultureInfo.CurrentCulture, CliText.ResourceManager.GetString(nameof(CliText.SimulatorAnswered), _language)!,
                    Now(), simulation.Draft, simulation.Year, simulation.Elapsed.TotalSeconds + simulation.Loading.TotalSeconds)); // the simulator's language, not the request's
            }

            return new SimulatorResponse(Environment.ProcessId, simulation, null, null);
        }
        catch (Exception e) when (e is RuleSetException or RuleEvaluationException or ArgumentException or DatabaseException or System.Data.Common.DbException
                                      or IOException or OutOfMemoryException)
        {
            return new SimulatorResponse(Environment.ProcessId, null, e is RuleSetException set ? set.Problems : null, e is RuleSetException ? null : e.Message);
        }
    }

    private string Now() => ScheduledJobs.Display(clock.GetUtcNow());
}
