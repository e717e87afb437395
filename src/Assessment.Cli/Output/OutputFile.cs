namespace Assessment.Cli;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside it, flushed to disk and moved over the name only once
/// writing finished. A failure half-way (an error, a full disk, running out of memory) leaves the file that was there,
/// not half a new one. A name that is a symbolic link writes the file it points to; a file replaced keeps its permissions.
/// </summary>
public static class OutputFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"{path} is a folder, not a file.");
        }

        if (new FileInfo(full) is { Exists: true, LinkTarget: not null } link && link.ResolveLinkTarget(returnFinalTarget: true) is { } target)
        {
            full = target.FullName;
        }

        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await write(stream);
                stream.Flush(flushToDisk: true); // the stream's buffer, then the file to disk
            }

            if (!OperatingSystem.IsWindows() && File.Exists(full))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // gone already when moved
        }
    }

    public static Task WriteAsync(string path, Action<Stream> write) => WriteAsync(path, stream =>
    {
        write(stream);
        return Task.CompletedTask;
    });
}
