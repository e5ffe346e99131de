using System.Globalization;

namespace PolicyBot.LoadTest;

/// <summary>Resident memory of a process, read from /proc/&lt;pid&gt;/status (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS (resident now) and VmHWM (the peak), in kB.</summary>
    public static (long RssKb, long PeakRssKb) Read(int processId)
    {
        var path = $"/proc/{processId}/status";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Cannot read resident memory: {path} does not exist (not Linux, or process {processId} has exited).");
        }

        var status = File.ReadAllText(path);
        return (ReadKb(status, "VmRSS", path), ReadKb(status, "VmHWM", path));
    }

    /// <summary>A "Name:   1234 kB" line of a /proc status file.</summary>
    public static long ReadKb(string statusText, string field, string source)
    {
        ArgumentNullException.ThrowIfNull(statusText);
        foreach (var line in statusText.Split('\n'))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line[(field.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                return kb;
            }

            throw new FormatException($"{source}: the {field} line '{line.Trim()}' is not '<number> kB'.");
        }

        throw new FormatException($"{source}: no {field} line.");
    }
}
