using System.Diagnostics;
using System.Text.Json.Nodes;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>
/// Expands templates with the official JavaScript library (npm adaptivecards-templating, tests/js/expand.js),
/// all jobs in one node process. test.sh installs the packages with npm ci.
/// </summary>
internal static class OfficialTemplating
{
    public static IReadOnlyList<(JsonNode? Card, string? Error)> Expand(IReadOnlyList<(JsonNode Template, JsonNode? Data)> jobs)
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "js", "expand.js");
        var modules = Path.Combine(RepoPaths.Root, "tests", "js", "node_modules", "adaptivecards-templating");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"{modules} is missing: run `npm ci --prefix tests/js` (test.sh does) before the conformance tests.");
        }

        var input = new JsonArray([.. jobs.Select(j => (JsonNode)new JsonObject { ["template"] = j.Template.DeepClone(), ["data"] = j.Data?.DeepClone() })]);
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("node expand.js did not finish in 2 minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node expand.js failed ({process.ExitCode}): {stderr.Result}");
        }

        var results = JsonNode.Parse(stdout.Result)!.AsArray();
        return [.. results.Select(r => (r!["card"]?.DeepClone(), r["error"]?.GetValue<string>()))];
    }
}
