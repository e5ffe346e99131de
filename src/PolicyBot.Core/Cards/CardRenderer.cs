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
public sealed class CardRenderer : ICardRenderer
{
    private static readonly JsonSerializerOptions CardJsonOptions = new()
    {
        // Newtonsoft (the Bot Framework's serializer) writes non-ASCII as UTF-8 too; measure what is sent.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CardTemplateStore _templates;
    private readonly CardRendererOptions _options;
    private readonly CardModelBuilder _builder;
    private readonly ILogger<CardRenderer> _logger;

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
        var model = _builder.Build(reply, knowledge);
        if (model.TemplateName is null)
        {
            return new ReplyMessage(model.Text);
        }

        return new ReplyMessage(model.Text, ExpandWithinLimit(model, reply));
    }

    /// <summary>The card model (template name, data, plain text), for tests and the content owners' preview.</summary>
    internal CardModel BuildModel(DialogReply reply, KnowledgeBase knowledge) => _builder.Build(reply, knowledge);

    internal static string Serialize(JsonNode card) => card.ToJsonString(CardJsonOptions);

    private string ExpandWithinLimit(CardModel model, DialogReply reply)
    {
        var template = _templates.Get(model.TemplateName!);
        var json = Serialize(template.Expand(model.Data) ?? throw new InvalidOperationException($"The template {template.Name} expanded to nothing."));
        var dropped = new List<string>();
        foreach (var part in model.OptionalParts)
        {
            if (Encoding.UTF8.GetByteCount(json) <= _options.MaxCardBytes)
            {
                break;
            }

            model.Data[part] = model.Data[part] is JsonArray ? new JsonArray() : string.Empty;
            dropped.Add(part);
            json = Serialize(template.Expand(model.Data)!);
        }

        var bytes = Encoding.UTF8.GetByteCount(json);
        if (dropped.Count > 0)
        {
            _logger.LogWarning(
                "Card {Template} for {NodeId} was over {MaxCardBytes} bytes; dropped {DroppedParts}, now {CardBytes} bytes",
                template.Name, reply.Node?.Id, _options.MaxCardBytes, string.Join(",", dropped), bytes);
        }

        if (bytes > _options.MaxCardBytes)
        {
            _logger.LogError("Card {Template} for {NodeId} is {CardBytes} bytes, over {MaxCardBytes} even without its optional parts", template.Name, reply.Node?.Id, bytes, _options.MaxCardBytes);
        }

        return json;
    }
}
