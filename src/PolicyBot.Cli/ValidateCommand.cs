using PolicyBot.Core.Knowledge;

namespace PolicyBot.Cli;

/// <summary>`validate [DIR]`: schema and semantic checks of the knowledge base, errors as file:line, non-zero exit on any error.</summary>
internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 1)
        {
            error.WriteLine("validate takes at most one argument: the knowledge folder.");
            return 2;
        }

        var folder = KnowledgeFolder.Find(args.FirstOrDefault());
        var result = KnowledgeLoader.LoadDirectory(folder);
        foreach (var problem in result.Problems)
        {
            (problem.IsWarning ? output : error).WriteLine(problem);
        }

        if (result.Knowledge is not { } knowledge)
        {
            error.WriteLine($"{folder}: {result.Errors.Count()} error(s); the bot would keep serving its last good content.");
            return 1;
        }

        output.WriteLine($"{folder}: OK — {knowledge.Topics.Count} topics, {knowledge.NodesById.Count} nodes, {result.Warnings.Count()} warning(s), content version {knowledge.ContentVersion}.");
        return 0;
    }
}
