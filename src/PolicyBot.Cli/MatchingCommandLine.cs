using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Cli;

/// <summary>The arguments `ask` and `eval` share: --knowledge DIR, flags, and the rest as positional words.</summary>
internal sealed record MatchingCommandLine(string? KnowledgeDirectory, bool Json, IReadOnlyList<string> Positional)
{
    public static MatchingCommandLine? Parse(string[] args, TextWriter error)
    {
        string? knowledge = null;
        var json = false;
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--knowledge" when i + 1 < args.Length:
                    knowledge = args[++i];
                    break;
                case "--knowledge":
                    error.WriteLine("--knowledge needs a folder.");
                    return null;
                case "--json":
                    json = true;
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    error.WriteLine($"Unknown option '{option}'.");
                    return null;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        return new MatchingCommandLine(knowledge, json, positional);
    }

    /// <summary>Loads the knowledge base, or reports why not (every error, file:line) and returns null.</summary>
    public KnowledgeBase? LoadKnowledge(TextWriter error)
    {
        var folder = KnowledgeFolder.Find(KnowledgeDirectory);
        var result = KnowledgeLoader.LoadDirectory(folder);
        if (result.Knowledge is null)
        {
            foreach (var problem in result.Errors)
            {
                error.WriteLine(problem);
            }

            error.WriteLine($"{folder}: the knowledge base does not load.");
        }

        return result.Knowledge;
    }

    public static PolicyMatcher CreateMatcher() => PolicyMatcher.Create(new MatcherOptions());
}
