using System.Diagnostics;

namespace PolicyBot.LoadTest;

/// <summary>Builds a bot in Release, as it is measured; the output is shown only when the build fails.</summary>
internal static class ReleaseBuild
{
    public static async Task RunAsync(string dotnetHost, BotDefinition bot, TextWriter log, CancellationToken cancellationToken)
    {
        log.WriteLine($"Building {bot.Name} (Release): {bot.ProjectFile}");
        var start = new ProcessStartInfo(dotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "build", bot.ProjectFile, "-c", "Release", "--nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        using var build = Process.Start(start)!;
        var stdout = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"The Release build of {bot.Name} failed (exit {build.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
        }
    }
}
