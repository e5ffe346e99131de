using System.Text.Json;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Benchmarks;

/// <summary>The knowledge bases and questions the benchmarks run on.</summary>
internal static class BenchmarkData
{
    public const int SyntheticTopics = 10_000;

    public static KnowledgeBase RealKnowledge()
    {
        var folder = FindUpwards(Path.Combine("knowledge", "index.yaml")) is { } index ? Path.GetDirectoryName(index)! : throw new InvalidOperationException("knowledge/index.yaml not found above " + AppContext.BaseDirectory);
        var result = KnowledgeLoader.LoadDirectory(folder);
        return result.Knowledge ?? throw new InvalidOperationException("the knowledge base does not load: " + string.Join("; ", result.Errors));
    }

    /// <summary>The questions of the shared dev set (../shared/eval beside the repo, or POLICYBOT_SHARED).</summary>
    public static string[] DevQuestions() => SharedQuestions("questions.dev.jsonl");

    /// <summary>The questions of the shared French dev set.</summary>
    public static string[] FrenchDevQuestions() => SharedQuestions("questions.fr.dev.jsonl");

    private static string[] SharedQuestions(string name)
    {
        var configured = Environment.GetEnvironmentVariable("POLICYBOT_SHARED");
        var file = configured is { Length: > 0 }
            ? Path.Combine(configured, "eval", name)
            : FindUpwards(Path.Combine("shared", "eval", name));
        if (file is null || !File.Exists(file))
        {
            throw new InvalidOperationException($"shared/eval/{name} not found beside the repo; set POLICYBOT_SHARED");
        }

        return File.ReadLines(file)
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .ToArray();
    }

    /// <summary>Exactly <paramref name="count"/> questions, repeating the list as needed (benchmarks need a fixed count).</summary>
    public static string[] Cycle(IReadOnlyList<string> questions, int count) =>
        Enumerable.Range(0, count).Select(i => questions[i % questions.Count]).ToArray();

    private static string? FindUpwards(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, relative);
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                // The shared folder sits beside the repo: look one level over too.
                var beside = Path.Combine(directory.FullName, "..", relative);
                if (File.Exists(beside))
                {
                    return Path.GetFullPath(beside);
                }
            }
        }

        return null;
    }
}
