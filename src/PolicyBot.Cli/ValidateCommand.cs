using PolicyBot.Core;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Cli;

/// <summary>
/// `validate [--notes] [DIR]`: schema and semantic checks of the knowledge base, errors as file:line, non-zero exit
/// on any error; with --notes, also every content owner's note (never shown on a card) with its file:line.
/// </summary>
internal static class ValidateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var showNotes = args.Contains("--notes", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--notes").ToArray();
        if (rest.Length > 1 || rest.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            error.WriteLine("validate takes --notes and at most one argument: the knowledge folder.");
            return 2;
        }

        var folder = ContentFolders.Resolve(rest.FirstOrDefault() ?? "knowledge", KnowledgeLoader.IndexFile);
        var result = KnowledgeLoader.LoadDirectory(folder);
        foreach (var problem in result.Problems)
        {
            (problem.IsWarning ? output : error).WriteLine(problem);
        }

        if (showNotes)
        {
            foreach (var note in result.Notes)
            {
                output.WriteLine(note);
            }
        }

        if (result.Knowledge is not { } knowledge)
        {
            error.WriteLine($"{folder}: {result.Errors.Count()} error(s); the bot would keep serving its last good content.");
            return 1;
        }

        output.WriteLine($"{folder}: OK — {knowledge.Topics.Count} topics, {knowledge.NodesById.Count} nodes, {knowledge.Glossary.Count} glossary entries, {result.Warnings.Count()} warning(s), {result.Notes.Count} note(s){(showNotes ? string.Empty : " (list them with --notes)")}, content version {knowledge.ContentVersion}.");
        return 0;
    }
}
