using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PolicyBot.Core.Cards;

/// <summary>One language's card texts (checked at load, so every key the code reads is there) and how it writes dates.</summary>
public sealed class LanguageStrings
{
    private readonly FrozenDictionary<string, string> _texts;
    private readonly FrozenDictionary<string, JsonObject> _sections;

    internal LanguageStrings(string language, IReadOnlyDictionary<string, string> texts, IReadOnlyDictionary<string, JsonObject> sections, CultureInfo culture)
    {
        Language = language;
        _texts = texts.ToFrozenDictionary(StringComparer.Ordinal);
        _sections = sections.ToFrozenDictionary(StringComparer.Ordinal);
        Culture = culture;
    }

    /// <summary>The language code ("en", "fr").</summary>
    public string Language { get; }

    /// <summary>The culture dates are written in (invariant for English: "12 Jul 2023"; fr-FR: "12 juil. 2023").</summary>
    public CultureInfo Culture { get; }

    /// <summary>The text of "section.name".</summary>
    public string this[string key] =>
        _texts.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"There is no card text \"{key}\" for '{Language}'.");

    /// <summary>The text of "section.name" with its {placeholders} filled.</summary>
    public string Format(string key, params (string Name, object Value)[] values)
    {
        var builder = new StringBuilder(this[key]);
        foreach (var (name, value) in values)
        {
            builder.Replace("{" + name + "}", Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>A list's heading as the language writes it ("Sources:", "Sources :").</summary>
    public string Heading(string key) => Format(CardStringKeys.FormatHeading, ("text", this[key]));

    /// <summary>A quotation as the language writes it (“PoC”, « PoC »).</summary>
    public string Quoted(string text) => Format(CardStringKeys.FormatQuoted, ("text", text));

    /// <summary>A template's section, for its data's "strings" field (a copy: a JSON node has one parent).</summary>
    public JsonObject Section(string name) =>
        _sections.TryGetValue(name, out var section) ? (JsonObject)section.DeepClone() : [];

    /// <summary>"26 Feb 2021", "26 févr. 2021".</summary>
    public string Date(DateOnly date) => date.ToString(this[CardStringKeys.FormatDay], Culture);

    /// <summary>A knowledge-base date ("2021-02-26", "2022-06" or "2016") in this language; anything else as written.</summary>
    public string PartialDate(string? date)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return string.Empty;
        }

        var trimmed = date.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Date(day);
        }

        if (DateOnly.TryParseExact(trimmed + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month.ToString(this[CardStringKeys.FormatMonth], Culture);
        }

        return trimmed;
    }
}
