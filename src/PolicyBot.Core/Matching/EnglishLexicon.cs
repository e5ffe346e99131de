using System.Collections.Frozen;

namespace PolicyBot.Core.Matching;

/// <summary>The fixed word lists of the matcher (the content's own words live in the knowledge base).</summary>
internal static class EnglishLexicon
{
    /// <summary>
    /// Function words: skipped when a multi-word keyword is matched ("protection for civilians" meets
    /// "protection of civilians") but still seen by facet phrases made of them ("who must", "apply to").
    /// "no" and "not" are kept as words on purpose: "do no harm" is not "harm".
    /// </summary>
    public static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anything", "are",
        "as", "at", "be", "because", "been", "before", "below", "between", "both", "but", "by", "can", "could", "d",
        "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "etc", "ever", "every", "few",
        "for", "from", "further", "had", "has", "have", "having", "he", "hello", "her", "here", "hers", "herself", "hey",
        "hi", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let", "ll",
        "m", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "nor", "of", "off", "on", "once",
        "one", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "please", "re", "s", "same", "shall",
        "she", "should", "so", "some", "something", "such", "t", "than", "thank", "thanks", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
        "under", "until", "up", "upon", "us", "ve", "very", "was", "we", "were", "what", "whats", "when", "where",
        "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "would", "you", "your",
        "yours", "yourself", "yourselves",
    ]);

    /// <summary>
    /// Words any question to this bot may carry ("NATO", "policy", "guidance"): they neither point at a topic nor
    /// count against a question as unexplained words when deciding whether a weak match is still worth offering.
    /// </summary>
    public static readonly string[] NeutralWords =
    [
        "nato", "policy", "policies", "guidance", "guideline", "guidelines", "rule", "rules", "approach", "agenda",
        "alliance", "allies", "allied", "topic", "topics", "overview", "summary", "definition", "define", "defined",
        "mean", "means", "meaning", "stand", "explain", "tell", "know", "information", "info", "question", "say", "says",
        "give", "need", "want", "find",
    ];
}
