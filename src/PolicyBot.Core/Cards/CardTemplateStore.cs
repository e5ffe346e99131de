using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyBot.Core.Cards.Templating;

namespace PolicyBot.Core.Cards;

/// <summary>
/// The card templates of a folder (cards/*.json), compiled, with the cards' texts in every language
/// (cards/strings/*.json, see <see cref="CardStrings"/>). Loaded once at start (a broken or missing template or
/// text stops the start with every error, by file, line and JSON Pointer); <see cref="TryReload"/> swaps in a new
/// set in one step, and keeps the last good set when the new one is broken.
/// </summary>
public sealed partial class CardTemplateStore
{
    private readonly ILogger<CardTemplateStore> _logger;
    private volatile CardSet _current;

    /// <exception cref="CardTemplateException">A template or a language file is missing or broken.</exception>
    public CardTemplateStore(string directory, ILogger<CardTemplateStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _logger = logger ?? NullLogger<CardTemplateStore>.Instance;
        var (templates, strings, errors) = Load(Directory);
        if (errors.Count > 0 || strings is null)
        {
            throw new CardTemplateException(errors);
        }

        _current = new CardSet(templates, strings, 0);
        LogLoaded(templates.Count, strings.Languages.Count, Directory);
    }

    public string Directory { get; }

    /// <summary>The folder of the language files (cards/strings), watched with the templates.</summary>
    public string StringsDirectory => Path.Combine(Directory, CardStrings.FolderName);

    /// <summary>The templates and texts in use: read once per card, so a reload never mixes two sets in one card.</summary>
    public CardSet Current => _current;

    /// <summary>Goes up with every successful reload, so caches of rendered cards know they are stale.</summary>
    public int Generation => _current.Generation;

    public IEnumerable<string> Names => _current.Names;

    /// <summary>The cards' texts in every language.</summary>
    public CardStrings Strings => _current.Strings;

    public CardTemplate Get(string name) => _current.Get(name);

    /// <summary>Loads the folder again; on errors the current templates stay and the errors are returned and logged.</summary>
    public bool TryReload(out IReadOnlyList<CardTemplateError> errors)
    {
        var (templates, strings, found) = Load(Directory);
        errors = found;
        if (found.Count > 0 || strings is null)
        {
            foreach (var error in found)
            {
                LogReloadRefused(error.ToString());
            }

            return false;
        }

        _current = new CardSet(templates, strings, _current.Generation + 1);
        LogReloaded(templates.Count, strings.Languages.Count, Directory);
        return true;
    }

    /// <summary>
    /// Compiles every *.json of <paramref name="directory"/> (not its subfolders), checks the required templates are
    /// there, and reads the language files of its strings/ folder against them.
    /// </summary>
    public static (FrozenDictionary<string, CardTemplate> Templates, CardStrings? Strings, IReadOnlyList<CardTemplateError> Errors) Load(string directory)
    {
        var errors = new List<CardTemplateError>();
        var templates = new Dictionary<string, CardTemplate>(StringComparer.Ordinal);
        var sources = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(directory))
        {
            errors.Add(new CardTemplateError(directory, "the card templates folder does not exist"));
            return (templates.ToFrozenDictionary(StringComparer.Ordinal), null, errors);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var (template, source) = LoadFile(file, errors);
            if (template is not null)
            {
                templates[template.Name] = template;
                sources[template.Name] = source!;
            }
        }

        foreach (var name in CardTemplateNames.Required.Where(n => !templates.ContainsKey(n)))
        {
            if (!errors.Any(e => Path.GetFileNameWithoutExtension(e.File) == name))
            {
                errors.Add(new CardTemplateError(Path.Combine(directory, name + ".json"), "this required template is missing"));
            }
        }

        var (strings, stringErrors) = CardStrings.Load(directory, sources);
        errors.AddRange(stringErrors);
        return (templates.ToFrozenDictionary(StringComparer.Ordinal), strings, errors);
    }

    private static (CardTemplate? Template, JsonNode? Source) LoadFile(string file, List<CardTemplateError> errors)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (IOException e)
        {
            errors.Add(new CardTemplateError(file, "cannot be read: " + e.Message));
            return (null, null);
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(bytes);
        }
        catch (JsonException e)
        {
            // JsonException counts lines and bytes from 0.
            errors.Add(new CardTemplateError(file, "is not valid JSON: " + FirstSentence(e.Message), e.LineNumber + 1, e.BytePositionInLine + 1));
            return (null, null);
        }

        if (json is not JsonObject card)
        {
            errors.Add(new CardTemplateError(file, "must be a JSON object (an Adaptive Card)", 1, 1));
            return (null, null);
        }

        if (card["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "AdaptiveCard")
        {
            errors.Add(Located(file, bytes, "/type", "\"type\" must be \"AdaptiveCard\""));
            return (null, null);
        }

        if (card["version"] is not JsonValue version || version.GetValueKind() != JsonValueKind.String || version.GetValue<string>() != "1.5")
        {
            errors.Add(Located(file, bytes, "/version", "\"version\" must be \"1.5\", the highest Teams renders"));
            return (null, null);
        }

        try
        {
            return (CardTemplate.Compile(Path.GetFileNameWithoutExtension(file), card), card);
        }
        catch (TemplateSyntaxException e)
        {
            errors.Add(Located(file, bytes, e.JsonPointer ?? "/", e.Message));
            return (null, null);
        }
    }

    private static CardTemplateError Located(string file, byte[] bytes, string pointer, string message)
    {
        var position = JsonPositions.Find(bytes, pointer);
        return new CardTemplateError(file, message, position?.Line, position?.Column, pointer);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {TemplateCount} card templates in {LanguageCount} languages from {CardsPath}")]
    private partial void LogLoaded(int templateCount, int languageCount, string cardsPath);

    [LoggerMessage(Level = LogLevel.Error, Message = "Card template reload refused, the last good templates stay: {TemplateError}")]
    private partial void LogReloadRefused(string templateError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded {TemplateCount} card templates in {LanguageCount} languages from {CardsPath}")]
    private partial void LogReloaded(int templateCount, int languageCount, string cardsPath);
}

/// <summary>One loaded set of templates and texts, and its generation (0 at start, one more per reload).</summary>
public sealed class CardSet
{
    private readonly FrozenDictionary<string, CardTemplate> _templates;

    internal CardSet(FrozenDictionary<string, CardTemplate> templates, CardStrings strings, int generation)
    {
        _templates = templates;
        Strings = strings;
        Generation = generation;
    }

    public CardStrings Strings { get; }

    public int Generation { get; }

    public IEnumerable<string> Names => _templates.Keys;

    public CardTemplate Get(string name) =>
        _templates.TryGetValue(name, out var template)
            ? template
            : throw new KeyNotFoundException($"There is no card template '{name}'.");
}
