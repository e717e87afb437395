using Assessment.Cli;

namespace Assessment.Tests.Cli;

/// <summary>An output file is written whole or not at all: a failure half-way leaves what was there and no temporary file.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("assessment-output-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task A_failure_half_way_leaves_the_earlier_file_and_no_temporary_one()
    {
        var path = Path.Combine(folder.FullName, "排名.json");
        await File.WriteAllTextAsync(path, "[\"earlier\"]");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OutputFile.WriteAsync(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("out of memory half-way");
        }));

        Assert.Equal("out of memory half-way", error.Message);
        Assert.Equal("[\"earlier\"]", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(folder.FullName));
    }

    [Fact]
    public async Task A_finished_file_replaces_the_earlier_one_or_is_created()
    {
        var replaced = Path.Combine(folder.FullName, "replaced.csv");
        var created = Path.Combine(folder.FullName, "created.csv");
        await File.WriteAllTextAsync(replaced, "a much longer earlier content than the new one");

        await OutputFile.WriteAsync(replaced, stream => stream.Write("new"u8));
        await OutputFile.WriteAsync(created, stream => stream.Write("made"u8));

        Assert.Equal("new", await File.ReadAllTextAsync(replaced));
        Assert.Equal("made", await File.ReadAllTextAsync(created));
        Assert.Equal(2, Directory.GetFiles(folder.FullName).Length);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_link_writes_the_file_it_points_to_and_a_replaced_file_keeps_its_permissions()
    {
        var target = Path.Combine(folder.FullName, "target.json");
        var link = Path.Combine(folder.FullName, "link.json");
        await File.WriteAllTextAsync(target, "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(link, target);

        await OutputFile.WriteAsync(link, stream => stream.Write("new"u8));

        Assert.NotNull(new FileInfo(link).LinkTarget); // still a link
        Assert.Equal("new", await File.ReadAllTextAsync(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }

    [Fact]
    public async Task A_folder_is_refused_before_anything_is_written()
    {
        var written = false;

        var error = await Assert.ThrowsAsync<IOException>(() => OutputFile.WriteAsync(folder.FullName, _ => written = true));

        Assert.Contains(folder.FullName, error.Message);
        Assert.False(written);
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_an_error_naming_it()
    {
        var path = Path.Combine(folder.FullName, "missing", "out.json");

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => OutputFile.WriteAsync(path, stream => stream.Write("x"u8)));

        Assert.Contains(Path.Combine(folder.FullName, "missing"), error.Message);
    }
}
