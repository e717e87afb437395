using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessment.Assessing;
using Assessment.Data;

namespace Assessment.Cli.Simulator;

/// <summary>What <c>rules simulate</c> asks a running simulator: a draft's text, checked and simulated there.</summary>
/// <param name="File">The draft's file as the user named it (problems name it so).</param>
/// <param name="Text">The draft, as read by the command (the simulator reads no file of the user's).</param>
/// <param name="Culture">The language answers and problems are given in.</param>
/// <param name="Ping">Only whether a simulator answers, and which process.</param>
internal sealed record SimulatorRequest(string File, string Text, int Year, int Top, string Culture, bool Ping = false);

/// <summary>A simulator's answer: the simulation, or the draft's problems, or an error; and which process answered.</summary>
internal sealed record SimulatorResponse(int Pid, Simulation? Simulation, IReadOnlyList<string>? Problems, string? Error);

[JsonSerializable(typeof(SimulatorRequest))]
[JsonSerializable(typeof(SimulatorResponse))]
internal sealed partial class SimulatorJson : JsonSerializerContext;

/// <summary>
/// How <c>rules simulate</c> reaches a simulator (<c>rules simulator</c>) kept running on the same database: a Unix
/// domain socket named after the database, in a folder only the user can open; one request and one answer per connection.
/// </summary>
internal static class SimulatorChannel
{
    /// <summary>A request or answer larger than this is refused (a draft is at most <see cref="Rules.RuleSetReader.MaxBytes"/>).</summary>
    private const int MaxBytes = 64 << 20;

    /// <summary>
    /// The socket of the simulator of <paramref name="target"/>, named by a hash of the database's connection string
    /// (so one per way of naming the database: a link to the file is another), in <c>assessment/simulators</c> under
    /// the user's local application data (<c>~/.local/share</c>): a folder of the user's own, never one another user
    /// could have made first, as one in the shared temporary folder (or an inherited <c>$XDG_RUNTIME_DIR</c>) could be.
    /// </summary>
    public static string SocketPath(DatabaseTarget target)
    {
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "assessment", "simulators");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target.ConnectionString)))[..16];
        return Path.Combine(folder, $"simulator-{hash}.sock");
    }

    /// <summary>The lock a running simulator holds, beside its socket: one simulator per database (left there when it stops).</summary>
    public static string LockPath(string socketPath) => Path.ChangeExtension(socketPath, ".lock");

    /// <summary>
    /// Whether the socket's folder is the user's alone (made so, or found so: not a link, nothing for group or others,
    /// and the user may change its mode, which only its owner may): a simulator answers only there, and the command
    /// asks only there. On Windows the folder's permissions are the profile's. An unusable folder (no home, a path
    /// too long for a socket) is an error naming it.
    /// </summary>
    public static bool Private(string socketPath, bool create)
    {
        var folder = Path.GetDirectoryName(socketPath)!;
        try
        {
            if (!Directory.Exists(folder))
            {
                if (!create)
                {
                    return false;
                }

                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, OwnerOnly);
                }
            }

            if (new DirectoryInfo(folder).LinkTarget is not null)
            {
                return false;
            }

            if (OperatingSystem.IsWindows())
            {
                return true;
            }

            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(folder);
            File.SetUnixFileMode(folder, mode); // refused unless the folder is the user's (or the user is root)
            return (mode & others) == 0;
        }
        catch (UnauthorizedAccessException)
        {
            return false; // another user's folder
        }
        catch (IOException e) when (create)
        {
            throw new ArgumentException(string.Format(Resources.CliText.SimulatorFolderUnusable, folder, e.Message), e);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Sends <paramref name="request"/> and waits for the answer. Asked is false when there is no simulator's socket;
    /// the answer is null when none answers there (it was killed, it stopped, it failed) or it answered nothing usable.
    /// </summary>
    public static async Task<(bool Asked, SimulatorResponse? Answer)> AskAsync(string socketPath, SimulatorRequest request, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath) || !Private(socketPath, create: false))
        {
            return (false, null);
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waiting.CancelAfter(TimeSpan.FromSeconds(2)); // a socket left by a simulator that was killed refuses at once
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), waiting.Token);
            // A ping is answered at once by a simulator that runs (one stopped, with Ctrl+Z, never answers); a simulation
            // may take minutes (a national year read again after a commit), so it has no deadline.
            waiting.CancelAfter(request.Ping ? TimeSpan.FromSeconds(3) : Timeout.InfiniteTimeSpan);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await SendAsync(stream, socket, request, SimulatorJson.Default.SimulatorRequest, waiting.Token);
            var answer = await ReceiveAsync(stream, SimulatorJson.Default.SimulatorResponse, waiting.Token);
            return (true, request.Ping || answer.Simulation is not null || answer.Problems is { Count: > 0 } || answer.Error is not null ? answer : null);
        }
        catch (Exception e) when (e is SocketException or IOException or JsonException or InvalidDataException or ArgumentException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (true, null);
        }
    }

    /// <summary>Writes <paramref name="message"/> and ends the sending half: the other side reads to the end.</summary>
    public static async Task SendAsync<T>(NetworkStream stream, Socket socket, T message, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(stream, message, type, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        socket.Shutdown(SocketShutdown.Send);
    }

    /// <summary>Reads a message to the end of the stream.</summary>
    public static async Task<T> ReceiveAsync<T>(NetworkStream stream, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new InvalidDataException($"A simulator message is larger than {MaxBytes >> 20} MB.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return JsonSerializer.Deserialize(buffer, type) ?? throw new InvalidDataException("An empty simulator message.");
    }
}
