using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PolicyBot.LoadTest;

/// <summary>Where the figures were taken: they mean little without the machine.</summary>
internal sealed record MachineInfo(int Cores, long MemoryMb, string Cpu, string LoadAverage, string Runtime, string Commit)
{
    public static MachineInfo Read(string repoRoot) => new(
        Environment.ProcessorCount,
        ReadMemoryMb(),
        ReadProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ReadLoadAverage(),
        RuntimeInformation.FrameworkDescription,
        GitCommit(repoRoot));

    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine they say how much the figures can be trusted.</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long ReadMemoryMb()
    {
        try
        {
            return ProcessMemory.ReadKb(File.ReadAllText("/proc/meminfo"), "MemTotal", "/proc/meminfo") / 1024;
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string? ReadProcField(string path, string field) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(field, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static string GitCommit(string repoRoot)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-C", repoRoot, "log", "-1", "--format=%h %s" })
            {
                start.ArgumentList.Add(arg);
            }

            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (git not found)";
        }
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Cores} cores (nproc), {MemoryMb:N0} MB RAM, {Cpu}, {Runtime}, load average at start {LoadAverage}");
}
