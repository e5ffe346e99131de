using System.Globalization;

namespace PolicyBot.Core.Dialog;

/// <summary>
/// Recognises a question about what is new across the policies, deterministically, in English or French: it has a
/// change word ("what's new", "latest", "recent", "changed", "updates"; "quoi de neuf", "nouveautés", "changé",
/// "mises à jour") or a year after "since" / "in" ("depuis" / "en"), and every other word is a small or generic word
/// ("what", "the", "policies", "NATO", "this year"; "qu'est-ce qui", "les", "l'OTAN"). Messages arrive simplified
/// (lower case, accents folded). A question that names anything more
/// ("what changed in the trafficking policy in 2023", "how do I update my clearance") is left to the matcher, so a
/// named topic keeps its own answer and an unrelated question its fallback.
/// </summary>
internal static class WhatsNewQuestion
{
    private static readonly HashSet<string> ChangeWords = new(StringComparer.Ordinal)
    {
        "new", "news", "newest", "latest", "recent", "recently", "lately",
        "change", "changes", "changed", "update", "updates", "updated", "development", "developments", "timeline",

        // French, accents folded: "quoi de neuf", "nouveautés", "qu'est-ce qui a changé", "dernières mises à jour".
        "neuf", "nouveau", "nouveaux", "nouvelle", "nouvelles", "nouveaute", "nouveautes", "dernieres", "derniers",
        "recents", "recentes", "recemment", "changements", "modifications", "modifie", "evolutions",
        "evolue", "mise", "mises", "chronologie", "actualite", "actualites",
    };

    /// <summary>Words after which a year means "from that year on".</summary>
    private static readonly HashSet<string> SinceWords = new(StringComparer.Ordinal) { "since", "after", "from", "depuis", "apres" };

    /// <summary>Words after which a year means "that year".</summary>
    private static readonly HashSet<string> InWords = new(StringComparer.Ordinal) { "in", "during", "en", "pendant", "durant" };

    /// <summary>Words that say nothing about which topic, so they may surround a change word.</summary>
    private static readonly HashSet<string> GenericWords = new(StringComparer.Ordinal)
    {
        "what", "whats", "s", "which", "when", "where", "how", "is", "are", "was", "were", "be", "been", "has", "have", "had",
        "do", "does", "did", "done", "happen", "happened", "happening", "there", "any", "anything", "something", "everything",
        "the", "a", "an", "to", "in", "on", "of", "for", "at", "by", "with", "about", "since", "after", "from", "during", "and", "or",
        "this", "that", "these", "those", "last", "past", "year", "years", "month", "months", "so", "far", "ago", "most",
        "me", "us", "i", "we", "our", "you", "can", "could", "would", "please", "tell", "show", "give", "list", "get", "see", "know",
        "made", "make", "all", "across", "overall", "policy", "policies", "nato", "natos", "alliance", "topics", "areas",
        "summary", "overview", "quick", "brief", "briefly", "hi", "hello", "thanks", "?",

        // French, accents folded ("qu'est-ce qui a changé" is "qu est ce qui a change" once simplified).
        "quoi", "qu", "que", "quel", "quels", "quelle", "quelles", "est", "ce", "qui", "il", "y", "t", "ont", "sont",
        "ete", "eu", "lieu", "se", "passe", "de", "du", "des", "la", "le", "les", "l", "un", "une", "au", "aux",
        "dans", "sur", "pour", "par", "et", "ou", "cette", "cet", "ces", "annee", "annees", "an", "ans", "mois",
        "dernier", "derniere", "jour", "jours", "moi", "nous", "vous", "pouvez", "peux", "pourriez", "montrer",
        "montre", "montrez", "donner", "donne", "donnez", "dis", "dites", "liste", "tout", "tous", "toutes", "toute",
        "politique", "politiques", "otan", "sujets", "themes", "resume", "apercu", "bref", "bonjour",
        "merci", "svp", "plait", "ya", "en", "depuis", "apres", "pendant", "durant",
    };

    /// <summary>The request, or null when the question is not (only) about what is new.</summary>
    public static WhatsNewRequest? Parse(string simplified)
    {
        ArgumentNullException.ThrowIfNull(simplified);
        var words = simplified.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 12)
        {
            return null;
        }

        var cue = false;
        int? year = null;
        var since = false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (Year(word) is { } named)
            {
                // Two different years ("between 2021 and 2023") are more than this simple filter says: leave it.
                if (year is { } other && other != named)
                {
                    return null;
                }

                year = named;
                since |= i > 0 && SinceWords.Contains(words[i - 1]);
                cue |= i > 0 && (SinceWords.Contains(words[i - 1]) || InWords.Contains(words[i - 1]));
                continue;
            }

            if (ChangeWords.Contains(word))
            {
                cue = true;
            }
            else if (!GenericWords.Contains(word))
            {
                return null;
            }
        }

        return cue ? new WhatsNewRequest(year, since) : null;
    }

    private static int? Year(string word) =>
        word.Length == 4 && word[0] is '1' or '2' && int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1990 and <= 2100
            ? year
            : null;
}
