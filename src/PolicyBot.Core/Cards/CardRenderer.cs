using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Cards;

/// <summary>
/// Renders a <see cref="DialogReply"/> as an Adaptive Card 1.5 from the templates in cards/ plus a plain-text
/// version. A card larger than <see cref="CardRendererOptions.MaxCardBytes"/> loses optional parts (related
/// topics, updates, obligations, ...) until it fits, because Teams refuses messages over 28 KB.
/// </summary>
public sealed partial class CardRenderer : ICardRenderer, IShareCardRenderer
{
    private static readonly JsonSerializerOptions CardJsonOptions = new()
    {
        // Newtonsoft (the Bot Framework's serializer) writes non-ASCII as UTF-8 too; measure what is sent.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The data field a template can test to say the card was shortened.</summary>
    internal const string ShortenedField = "shortened";

    private readonly CardTemplateStore _templates;
    private readonly CardRendererOptions _options;
    private readonly CardModelBuilder _builder;
    private readonly ILogger<CardRenderer> _logger;
    private readonly RenderedCardCache _cache = new();

    public CardRenderer(CardTemplateStore templates, IOptions<CardRendererOptions> options, ILogger<CardRenderer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(options);
        _templates = templates;
        _options = options.Value;
        _builder = new CardModelBuilder(_options);
        _logger = logger ?? NullLogger<CardRenderer>.Instance;
    }

    public ReplyMessage Render(DialogReply reply, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(knowledge);
        // One set of templates and texts for the whole card, even if a reload lands meanwhile.
        var cards = _templates.Current;

        // A reply that repeats what the user typed is not cached: no user text is kept beyond the turn.
        return reply.EchoedText is null
            ? _cache.GetOrRender(RenderedCardCache.Key(reply, knowledge.ContentVersion, cards.Generation), () => RenderUncached(reply, knowledge, cards))
            : RenderUncached(reply, knowledge, cards);
    }

    private ReplyMessage RenderUncached(DialogReply reply, KnowledgeBase knowledge, CardSet cards)
    {
        var model = _builder.Build(reply, knowledge, cards.Strings);
        if (model.TemplateName is null)
        {
            return new ReplyMessage(model.Text);
        }

        return new ReplyMessage(model.Text, ExpandWithinLimit(model, reply.Node?.Id, cards));
    }

    public ReplyMessage RenderShare(KnowledgeNode node, KnowledgeBase knowledge, string language, string? askUrl)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        var url = askUrl ?? string.Empty;
        var cards = _templates.Current;
        // Searches list the same few cards again and again (one query per keystroke): each is rendered once per content and templates.
        var key = $"share|{knowledge.ContentVersion}|{cards.Generation}|{node.Id}|{language}|{url}";
        return _cache.GetOrRender(key, () =>
        {
            var model = CardModelBuilder.Share(node, knowledge, cards.Strings.For(language), url);
            return new ReplyMessage(model.Text, ExpandWithinLimit(model, node.Id, cards));
        });
    }

    /// <summary>The card model (template name, data, plain text), for tests and the content owners' preview.</summary>
    internal CardModel BuildModel(DialogReply reply, KnowledgeBase knowledge) => _builder.Build(reply, knowledge, _templates.Strings);

    internal static string Serialize(JsonNode card) => card.ToJsonString(CardJsonOptions);

    private string ExpandWithinLimit(CardModel model, string? nodeId, CardSet cards)
    {
        var template = cards.Get(model.TemplateName!);
        var json = Expand(template, model.Data);
        if (Fits(json))
        {
            return json;
        }

        // Too large for Teams: shorten the optional parts in order, keeping as many items of each as fit.
        model.Data[ShortenedField] = true;
        var dropped = new List<string>();
        foreach (var part in model.OptionalParts)
        {
            json = Expand(template, model.Data);
            if (Fits(json))
            {
                break;
            }

            dropped.Add(part);
            if (model.Data[part] is JsonArray items)
            {
                json = KeepLargestPrefixThatFits(template, model.Data, part, [.. items.Select(i => i?.DeepClone())]);
            }
            else
            {
                model.Data[part] = string.Empty;
                json = Expand(template, model.Data);
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(json);
        LogShortened(template.Name, nodeId, _options.MaxCardBytes, string.Join(",", dropped), bytes);
        if (!Fits(json))
        {
            LogTooLarge(template.Name, nodeId, bytes, _options.MaxCardBytes);
        }

        return json;
    }

    /// <summary>Binary search for how many leading items of <paramref name="part"/> fit; leaves the data with that many.</summary>
    private string KeepLargestPrefixThatFits(Templating.CardTemplate template, JsonObject data, string part, List<JsonNode?> items)
    {
        var (low, high) = (0, items.Count - 1);
        string? best = null;
        while (low <= high)
        {
            var count = (low + high + 1) / 2;
            data[part] = new JsonArray([.. items.Take(count).Select(i => i?.DeepClone())]);
            var json = Expand(template, data);
            if (Fits(json))
            {
                best = json;
                low = count + 1;
            }
            else
            {
                high = count - 1;
            }
        }

        var kept = best is null ? 0 : high;
        data[part] = new JsonArray([.. items.Take(kept).Select(i => i?.DeepClone())]);
        return best ?? Expand(template, data);
    }

    private bool Fits(string json) => Encoding.UTF8.GetByteCount(json) <= _options.MaxCardBytes;

    private static string Expand(Templating.CardTemplate template, JsonObject data) =>
        Serialize(template.Expand(data) ?? throw new InvalidOperationException($"The template {template.Name} expanded to nothing."));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card {Template} for {NodeId} was over {MaxCardBytes} bytes; shortened {ShortenedParts}, now {CardBytes} bytes")]
    private partial void LogShortened(string template, string? nodeId, int maxCardBytes, string shortenedParts, int cardBytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Card {Template} for {NodeId} is {CardBytes} bytes, over {MaxCardBytes} even without its optional parts")]
    private partial void LogTooLarge(string template, string? nodeId, int cardBytes, int maxCardBytes);
}
