using System.Diagnostics;

namespace PolicyBot.Testing;

/// <summary>Runs a script of tests/js with node, for the tests that compare with an official npm package (test.sh installs them with npm ci).</summary>
public static class NodeScript
{
    /// <summary>Runs tests/js/<paramref name="script"/> with <paramref name="input"/> on standard input and returns its standard output.</summary>
    /// <param name="package">The npm package the script needs: a clear error when tests/js/node_modules lacks it.</param>
    public static string Run(string script, string package, string input)
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "js");
        var modules = Path.Combine(folder, "node_modules", package);
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"{modules} is missing: run `npm ci --prefix tests/js` (test.sh does) before the tests that compare with it.");
        }

        var start = new ProcessStartInfo("node", [Path.Combine(folder, script)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish in 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }
}
