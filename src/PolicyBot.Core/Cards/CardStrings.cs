using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PolicyBot.Core.Language;

namespace PolicyBot.Core.Cards;

/// <summary>
/// The fixed texts of the cards in every language, from cards/strings/&lt;language&gt;.json: one file per language,
/// each a set of sections (one per template, plus "common" and "format") of named texts. English is the reference:
/// every language has exactly its keys, with the same {placeholders}. Templates bind a text of their own section as
/// ${strings.name}; the card model builder reads any as "section.name".
/// </summary>
public sealed partial class CardStrings
{
    /// <summary>The folder under the card templates that holds the language files.</summary>
    public const string FolderName = "strings";

    /// <summary>The data field a template reads its texts from.</summary>
    public const string DataField = "strings";

    /// <summary>The section that says how a language writes dates, headings and quotations (not bound by templates).</summary>
    internal const string FormatSection = "format";

    private readonly FrozenDictionary<string, LanguageStrings> _byLanguage;

    private CardStrings(FrozenDictionary<string, LanguageStrings> byLanguage) => _byLanguage = byLanguage;

    /// <summary>The languages with a file, English first.</summary>
    public IReadOnlyList<string> Languages => [.. Core.Language.Languages.Supported.Where(_byLanguage.ContainsKey)];

    /// <summary>The texts of <paramref name="language"/>; English for a language without a file.</summary>
    public LanguageStrings For(string? language) =>
        language is not null && _byLanguage.TryGetValue(language, out var strings) ? strings : _byLanguage[Core.Language.Languages.English];

    /// <summary>
    /// Reads every supported language's file under <paramref name="cardsDirectory"/>/strings and checks them: each
    /// parses, has English's keys (no more, no fewer) with the same placeholders, every key the code reads, a date
    /// culture this machine knows, and every text a template binds.
    /// </summary>
    public static (CardStrings? Strings, IReadOnlyList<CardTemplateError> Errors) Load(string cardsDirectory, IReadOnlyDictionary<string, JsonNode> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var directory = Path.Combine(cardsDirectory, FolderName);
        var errors = new List<CardTemplateError>();
        var files = new Dictionary<string, StringsFile>(StringComparer.Ordinal);
        foreach (var language in Core.Language.Languages.Supported)
        {
            var path = Path.Combine(directory, language + ".json");
            if (!File.Exists(path))
            {
                errors.Add(new CardTemplateError(path, $"the card texts for '{language}' are missing (every supported language needs its file; copy en.json and translate it)"));
                continue;
            }

            if (StringsFile.Read(path, errors) is { } file)
            {
                files[language] = file;
            }
        }

        if (!files.TryGetValue(Core.Language.Languages.English, out var english))
        {
            return (null, errors);
        }

        foreach (var key in CardStringKeys.All.Where(k => !english.Texts.ContainsKey(k)))
        {
            errors.Add(english.Error(Parent(key), $"\"{key}\" is missing: the bot needs it"));
        }

        foreach (var (language, file) in files.Where(f => f.Key != Core.Language.Languages.English))
        {
            foreach (var (key, text) in english.Texts)
            {
                if (!file.Texts.TryGetValue(key, out var translated))
                {
                    errors.Add(file.Error(Parent(key), $"\"{key}\" is missing (en.json has \"{text}\")"));
                }
                else if (!Placeholders(text).SetEquals(Placeholders(translated)))
                {
                    errors.Add(file.Error(Pointer(key), $"\"{key}\" must have the placeholders of en.json ({Describe(Placeholders(text))}), not {Describe(Placeholders(translated))}"));
                }
            }

            foreach (var key in file.Texts.Keys.Where(k => !english.Texts.ContainsKey(k)))
            {
                errors.Add(file.Error(Pointer(key), $"\"{key}\" is not in en.json (a misspelt key, or one English lacks)"));
            }
        }

        foreach (var (name, template) in templates)
        {
            CheckBindings(name, template, english, Path.Combine(cardsDirectory, name + ".json"), errors);
        }

        var cultures = new Dictionary<string, CultureInfo>(StringComparer.Ordinal);
        foreach (var (language, file) in files)
        {
            if (file.Culture(errors) is { } culture)
            {
                cultures[language] = culture;
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var byLanguage = files.ToFrozenDictionary(
            f => f.Key,
            f => new LanguageStrings(f.Key, f.Value.Texts, f.Value.Sections, cultures[f.Key]),
            StringComparer.Ordinal);
        return (new CardStrings(byLanguage), errors);
    }

    /// <summary>Every ${strings.x} (or $root.strings.x) of a template must name a text of its section in en.json.</summary>
    private static void CheckBindings(string templateName, JsonNode template, StringsFile english, string templateFile, List<CardTemplateError> errors)
    {
        byte[]? bytes = null;
        foreach (var (pointer, text) in StringValues(template, string.Empty))
        {
            foreach (Match binding in Binding().Matches(text))
            {
                var key = templateName + "." + binding.Groups["name"].Value;
                if (!english.Texts.ContainsKey(key))
                {
                    bytes ??= File.Exists(templateFile) ? File.ReadAllBytes(templateFile) : [];
                    var position = JsonPositions.Find(bytes, pointer);
                    errors.Add(new CardTemplateError(templateFile, $"{binding.Value} is not a text of cards/{FolderName}/en.json (add \"{binding.Groups["name"].Value}\" to its \"{templateName}\" section)", position?.Line, position?.Column, pointer));
                }
            }
        }
    }

    private static IEnumerable<(string Pointer, string Text)> StringValues(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    foreach (var value in StringValues(child, pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var value in StringValues(array[i], $"{pointer}/{i}"))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return (pointer, value.GetValue<string>());
                break;
        }
    }

    internal static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups["name"].Value)];

    private static string Describe(HashSet<string> placeholders) =>
        placeholders.Count == 0 ? "none" : string.Join(", ", placeholders.Order(StringComparer.Ordinal).Select(p => "{" + p + "}"));

    private static string Pointer(string key) => "/" + key.Replace('.', '/');

    private static string Parent(string key) => "/" + key[..key.IndexOf('.', StringComparison.Ordinal)];

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:\$root\.)?strings\.(?<name>[A-Za-z0-9_]+)")]
    private static partial Regex Binding();

    /// <summary>One language file as read: its texts by "section.name", and each section as JSON for the templates.</summary>
    private sealed class StringsFile
    {
        private readonly string _path;
        private readonly byte[] _bytes;

        private StringsFile(string path, byte[] bytes, Dictionary<string, string> texts, Dictionary<string, JsonObject> sections)
        {
            _path = path;
            _bytes = bytes;
            Texts = texts;
            Sections = sections;
        }

        public Dictionary<string, string> Texts { get; }

        public Dictionary<string, JsonObject> Sections { get; }

        public static StringsFile? Read(string path, List<CardTemplateError> errors)
        {
            byte[] bytes;
            JsonNode? json;
            try
            {
                bytes = File.ReadAllBytes(path);
                json = JsonNode.Parse(bytes);
            }
            catch (IOException e)
            {
                errors.Add(new CardTemplateError(path, "cannot be read: " + e.Message));
                return null;
            }
            catch (JsonException e)
            {
                errors.Add(new CardTemplateError(path, "is not valid JSON: " + e.Message.Split(" Path:")[0], e.LineNumber + 1, e.BytePositionInLine + 1));
                return null;
            }

            if (json is not JsonObject root)
            {
                errors.Add(new CardTemplateError(path, "must be a JSON object of sections, each an object of texts", 1, 1));
                return null;
            }

            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            var sections = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            var ok = true;
            foreach (var (sectionName, section) in root)
            {
                if (section is not JsonObject entries)
                {
                    errors.Add(Located(path, bytes, "/" + sectionName, $"the section \"{sectionName}\" must be an object of texts"));
                    ok = false;
                    continue;
                }

                var copy = new JsonObject();
                foreach (var (name, value) in entries)
                {
                    if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String || text.GetValue<string>().Trim().Length == 0)
                    {
                        errors.Add(Located(path, bytes, $"/{sectionName}/{name}", $"\"{sectionName}.{name}\" must be a text (a non-empty string)"));
                        ok = false;
                        continue;
                    }

                    texts[sectionName + "." + name] = text.GetValue<string>();
                    copy[name] = text.GetValue<string>();
                }

                sections[sectionName] = copy;
            }

            return ok ? new StringsFile(path, bytes, texts, sections) : null;
        }

        public CardTemplateError Error(string pointer, string message) => Located(_path, _bytes, pointer, message);

        /// <summary>format.culture: a culture this machine knows ("fr-FR"), or "invariant".</summary>
        public CultureInfo? Culture(List<CardTemplateError> errors)
        {
            var name = Texts.GetValueOrDefault(FormatSection + ".culture", "invariant");
            if (name == "invariant")
            {
                return CultureInfo.InvariantCulture;
            }

            try
            {
                // Predefined only: without ICU (globalization-invariant mode) "fr-FR" would silently give English month names.
                return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                errors.Add(Error("/format/culture", $"the culture \"{name}\" is not known on this machine (a name such as \"fr-FR\"; the .NET runtime needs ICU, so DOTNET_SYSTEM_GLOBALIZATION_INVARIANT must not be set)"));
                return null;
            }
        }

        private static CardTemplateError Located(string path, byte[] bytes, string pointer, string message)
        {
            var position = JsonPositions.Find(bytes, pointer);
            return new CardTemplateError(path, message, position?.Line, position?.Column, pointer);
        }
    }
}
