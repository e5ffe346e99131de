using System.Collections.Frozen;

namespace PolicyBot.Core.Matching;

/// <summary>The fixed French word lists of the matcher, folded (no accents), as <see cref="FrenchAnalyzer"/> compares them.</summary>
internal static class FrenchLexicon
{
    /// <summary>
    /// Function words: articles, prepositions, pronouns, the auxiliaries and modal verbs, question words, politeness.
    /// Like the English list, they are skipped inside a content phrase ("protection des civils" meets "protection
    /// pour les civils") but seen by facet cues made of them ("qui doit", "quand a"). "non" is kept as a word
    /// ("non combattants"); "ne" and "pas" are not, so "ne ... pas" leaves no unexplained words.
    /// </summary>
    public static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
    [
        // articles, contractions, prepositions and conjunctions
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a", "en", "y", "dans", "sur", "sous",
        "par", "pour", "avec", "sans", "entre", "chez", "vers", "contre", "depuis", "pendant", "avant", "apres", "selon",
        "lors", "afin", "parmi", "aupres", "envers", "jusqu", "jusque", "et", "ou", "mais", "donc", "or", "ni", "car",
        "que", "qu", "si", "comme", "lorsque", "lorsqu", "puisque", "puisqu", "quoique", "quoiqu", "parce", "quant",
        // pronouns and determiners
        "je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m", "te", "t", "se", "s", "lui",
        "leur", "leurs", "moi", "toi", "soi", "eux", "ce", "c", "ca", "cela", "ceci", "cet", "cette", "ces", "celui",
        "celle", "ceux", "celles", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre",
        "vos", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "auquel", "auxquels", "auxquelles", "duquel",
        "desquels", "desquelles", "tout", "tous", "toute", "toutes", "chaque", "meme", "memes", "autre", "autres",
        "quelque", "quelques", "aucun", "aucune", "n", "ne", "pas", "plus", "moins", "tres", "trop", "aussi", "encore",
        "deja", "alors", "ici", "voici", "voila",
        // etre, avoir, faire, and the modal verbs
        "est", "sont", "suis", "es", "sommes", "etes", "etre", "ete", "etait", "etaient", "sera", "seront", "serait",
        "seraient", "soit", "soient", "ai", "as", "avons", "avez", "ont", "avoir", "avait", "avaient", "aura", "auront",
        "aurait", "eu", "fait", "faire", "fais", "font", "faut", "fallait", "faudrait", "doit", "doivent", "dois",
        "devons", "devez", "devrait", "devraient", "devrais", "devrions", "devriez", "peut", "peuvent", "peux",
        "pouvons", "pouvez", "pourrait", "pourraient", "pourrais", "puis", "vais", "va", "vont",
        // question words, and "est-ce que", "qu'est-ce que", "c'est" typed without the apostrophe or hyphen
        "qui", "quoi", "quel", "quelle", "quels", "quelles", "comment", "pourquoi", "quand", "combien", "estce",
        "quest", "questce", "cest",
        // politeness
        "bonjour", "bonsoir", "salut", "merci", "svp", "stp", "plait",
    ]);

    /// <summary>
    /// Words any question to this bot may carry ("OTAN", "politique", "directives"): like the English list, they
    /// neither point at a topic nor count as unexplained when a weak match is weighed.
    /// </summary>
    public static readonly string[] NeutralWords =
    [
        "otan", "nato", "politique", "politiques", "orientation", "orientations", "regle", "regles", "approche",
        "programme", "alliance", "allies", "allie", "sujet", "sujets", "theme", "themes", "apercu", "resume",
        "definition", "definir", "defini", "signifie", "signification", "veut", "dire", "explique", "expliquer",
        "expliquez", "savoir", "connaitre", "information", "informations", "info", "infos", "question", "besoin",
        "veux", "voudrais", "souhaite", "trouver", "cherche", "donner", "donne", "concerne", "concernant",
    ];

    /// <summary>
    /// Words whose accent or ending is their meaning, with a stem of their own that the light stemmer would take
    /// from them. It makes "trait" of "traite" (trafficking: "la traite des êtres humains"), "traité" (a treaty, or
    /// "treated") and "traitement" (treatment, processing); an unaccented "traite" is trafficking, as French staff
    /// type it. It makes "civil" of "civils" (civilians) and "civile" (the feminine adjective of "protection civile",
    /// civil protection, and "sécurité civile", near misses of the protection of civilians, but also of "population
    /// civile"): the content says which "civile" phrases point where. And it makes "soldat" of "soldates" and
    /// "adolescent" of "adolescentes": women soldiers and teenage girls are the women, peace and security topic's
    /// words, soldiers and teenagers are not. Keys as the normaliser writes the word (lower-case, accents kept).
    /// </summary>
    public static readonly FrozenDictionary<string, string> ProtectedStems = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["traite"] = "traite",
        ["traites"] = "traite",
        ["traité"] = "traité",
        ["traités"] = "traité",
        ["traitée"] = "traité",
        ["traitées"] = "traité",
        ["traitement"] = "traitement",
        ["traitements"] = "traitement",
        ["civile"] = "civile",
        ["civiles"] = "civile",
        ["soldate"] = "soldate",
        ["soldates"] = "soldate",
        ["adolescente"] = "adolescente",
        ["adolescentes"] = "adolescente",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
