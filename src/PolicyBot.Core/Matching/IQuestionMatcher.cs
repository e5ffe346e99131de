using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>Maps a question in a user's own words to a node of the knowledge base. Deterministic and thread-safe.</summary>
public interface IQuestionMatcher
{
    /// <param name="language">The question's language (<see cref="Language.Languages"/>): which language's keywords, synonyms and analysis apply.</param>
    MatchResult Match(string question, KnowledgeBase knowledge, string language);
}

public static class QuestionMatcherExtensions
{
    /// <summary>Matches an English question (the default language).</summary>
    public static MatchResult Match(this IQuestionMatcher matcher, string question, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        return matcher.Match(question, knowledge, Language.Languages.English);
    }
}
