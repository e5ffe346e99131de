using PolicyBot.Core;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Matching;
using PolicyBot.Core.Meaning;

namespace PolicyBot.Cli;

/// <summary>The arguments `ask` and `eval` share: --knowledge DIR, --lang, flags, and the rest as positional words.</summary>
internal sealed record MatchingCommandLine(string? KnowledgeDirectory, bool Json, IReadOnlyList<string> Positional, bool KeywordsOnly = false, string Language = MatchingCommandLine.AutoLanguage)
{
    /// <summary>--lang auto (the default): each question's language is detected as the bot does, English when unclear.</summary>
    public const string AutoLanguage = "auto";

    public static MatchingCommandLine? Parse(string[] args, TextWriter error)
    {
        string? knowledge = null;
        var json = false;
        var keywordsOnly = false;
        var language = AutoLanguage;
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
                case "--keywords-only":
                    keywordsOnly = true;
                    break;
                case "--lang" when i + 1 < args.Length && (args[i + 1] == AutoLanguage || Languages.Supported.Contains(args[i + 1])):
                    language = args[++i];
                    break;
                case "--lang":
                    error.WriteLine($"--lang needs one of: {string.Join(", ", Languages.Supported)}, {AutoLanguage}.");
                    return null;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    error.WriteLine($"Unknown option '{option}'.");
                    return null;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        return new MatchingCommandLine(knowledge, json, positional, keywordsOnly, language);
    }

    /// <summary>The language to match <paramref name="question"/> in: the one given, or the one detected (English when unclear).</summary>
    public string LanguageOf(string question, KnowledgeBase knowledge) =>
        Language == AutoLanguage ? LanguageDetector.For(knowledge).Detect(question) ?? Languages.English : Language;

    /// <summary>Loads the knowledge base, or reports why not (every error, file:line) and returns null.</summary>
    public KnowledgeBase? LoadKnowledge(TextWriter error)
    {
        var folder = ContentFolders.Resolve(KnowledgeDirectory is { Length: > 0 } named ? named : "knowledge", KnowledgeLoader.IndexFile);
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

    /// <summary>
    /// The bot's matcher: the keyword tree, then the meaning stage loaded now (about two seconds; its vectors are
    /// cached like the bot's), unless --keywords-only. A model that does not load leaves the keyword tree, said on stderr.
    /// </summary>
    public IQuestionMatcher CreateMatcher(KnowledgeBase knowledge, TextWriter error)
    {
        var keywords = PolicyMatcher.Create(new MatcherOptions());
        if (KeywordsOnly)
        {
            return keywords;
        }

        var stage = new MeaningStage(Options.Create(new MeaningOptions()), NullLogger<MeaningStage>.Instance);
        stage.LoadNow(knowledge);
        if (stage.Status != MeaningStageStatus.Ready)
        {
            error.WriteLine($"The meaning stage did not load ({stage.FailureReason}); answering with the keyword tree alone.");
        }

        return new TwoStageMatcher(keywords, stage);
    }
}
