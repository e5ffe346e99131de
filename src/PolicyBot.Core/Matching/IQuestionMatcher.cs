using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Matching;

/// <summary>Maps a question in a user's own words to a node of the knowledge base. Deterministic and thread-safe.</summary>
public interface IQuestionMatcher
{
    MatchResult Match(string question, KnowledgeBase knowledge);
}
