namespace PolicyBot.Core.Knowledge;

/// <summary>The kinds of sub-question under a topic. <see cref="Overview"/> is the topic node itself.</summary>
public enum Facet
{
    Overview,
    Obligations,
    Scope,
    Status,
    Resolutions,
    Documents,
}

/// <summary>A word or phrase that points at a node (positive weight) or away from it (negative weight).</summary>
public sealed record Keyword(string Term, int Weight, string Language);

/// <summary>A source document a node cites. <see cref="Note"/> is for the content owner, never shown on a card.</summary>
public sealed record SourceDocument(string Id, string Title, string Issuer, string Date, Uri? Url)
{
    public string? Note { get; init; }

    /// <summary>The document as published in other languages, by language code (fr → French title and page).</summary>
    public IReadOnlyDictionary<string, DocumentTranslation> Translations { get; init; } = new Dictionary<string, DocumentTranslation>();
}

/// <summary>A document's title, issuer and page in another language; null parts fall back to English.</summary>
public sealed record DocumentTranslation(string? Title, string? Issuer, Uri? Url);

/// <summary>Where a topic's texts in a language other than English come from.</summary>
public enum TranslationSource
{
    /// <summary>Written from NATO's own pages in that language.</summary>
    Official,

    /// <summary>Some texts translated from the English sources (NATO's page in that language is missing or older).</summary>
    PartlyTranslatedFromEnglish,

    /// <summary>Every text translated from the English sources: NATO publishes no page in that language.</summary>
    TranslatedFromEnglish,
}

/// <summary>Who must do what, and where that is written. <see cref="Note"/> is for the content owner, never shown on a card.</summary>
/// <param name="Reference">Where in <paramref name="Source"/> it is written, per language (one string: the same in every language).</param>
public sealed record Obligation(LocalizedText Who, LocalizedText What, SourceDocument Source, LocalizedText? Reference)
{
    public string? Note { get; init; }
}

/// <summary>A dated change in a topic's history. <see cref="Note"/> is for the content owner, never shown on a card.</summary>
public sealed record ChangeNote(string Date, LocalizedText Text, SourceDocument Source)
{
    public string? Note { get; init; }
}

/// <summary>A question as staff ask it for a node, in one language: what the meaning-based stage compares with.</summary>
public sealed record ExampleQuestion(string Text, string Language);

/// <summary>One node of the policy tree: the root, a topic, or a topic's sub-question.</summary>
public sealed class KnowledgeNode
{
    public required string Id { get; init; }

    /// <summary>The top-level topic id this node belongs to (its own id for a topic; "root" for the root).</summary>
    public required string TopicId { get; init; }

    public required Facet Facet { get; init; }

    public required LocalizedText Title { get; init; }

    public LocalizedText Status { get; init; } = LocalizedText.Empty;

    public required LocalizedText Summary { get; init; }

    public DateOnly? AsOf { get; init; }

    /// <summary>When the topic's content was last checked against NATO's sources (topics only).</summary>
    public DateOnly? Checked { get; init; }

    /// <summary>Per language other than English, where the topic's texts come from (topics only).</summary>
    public IReadOnlyDictionary<string, TranslationSource> Translations { get; init; } = new Dictionary<string, TranslationSource>();

    public int Order { get; init; }

    public IReadOnlyList<Keyword> Keywords { get; init; } = [];

    public IReadOnlyList<ExampleQuestion> Examples { get; init; } = [];

    public IReadOnlyList<Obligation> Obligations { get; init; } = [];

    public IReadOnlyList<ChangeNote> Changes { get; init; } = [];

    public IReadOnlyList<SourceDocument> Sources { get; init; } = [];

    public IReadOnlyList<string> RelatedIds { get; init; } = [];

    /// <summary>Where the node was defined, for error messages ("knowledge/x.yaml:12").</summary>
    public string Location { get; init; } = string.Empty;

    public string? ParentId { get; internal set; }

    public IReadOnlyList<KnowledgeNode> Children { get; internal set; } = [];

    public bool IsRoot => ParentId is null;

    public bool IsTopic => Facet == Facet.Overview && ParentId is not null;
}

/// <summary>How questions ask for a facet ("who does it apply to", "when was it adopted").</summary>
public sealed record FacetDefinition(Facet Facet, LocalizedText Label, IReadOnlyList<Keyword> Keywords);

/// <summary>Words the matcher treats as the same: an acronym and its expansion, or synonyms.</summary>
public sealed record SynonymGroup(string Canonical, IReadOnlyList<string> Variants, string Language);

/// <summary>A word or phrase of <paramref name="Language"/> and its plain English gloss, for the English meaning stage.</summary>
public sealed record GlossaryEntry(string Text, string English, string Language);
