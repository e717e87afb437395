namespace Assessment.Cli;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside it, moved over <c>path</c> only once writing
/// finished. A failure half-way (out of memory, a full disk, Ctrl+C) leaves the file that was there, not half a new one.
/// </summary>
public static class OutputFile
{
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await write(stream);
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
