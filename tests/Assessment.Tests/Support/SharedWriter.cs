namespace Assessment.Tests.Support;

/// <summary>A writer a test can read while a command still writes to it.</summary>
public sealed class SharedWriter : StringWriter
{
    private readonly Lock _lock = new();

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            base.Write(buffer, index, count);
        }
    }

    /// <summary>Waits until <paramref name="marker"/> has been written <paramref name="times"/> times, or the command ended.</summary>
    public async Task WaitForAsync(string marker, int times, Task<int> command)
    {
        while (Count(Text, marker) < times)
        {
            Assert.False(command.IsCompleted, $"The command ended: {Text}");
            await Task.Delay(50);
        }

        static int Count(string text, string marker) => (text.Length - text.Replace(marker, "", StringComparison.Ordinal).Length) / marker.Length;
    }
}
