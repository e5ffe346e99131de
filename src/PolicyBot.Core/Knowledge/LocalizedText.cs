using System.Collections.Frozen;

namespace PolicyBot.Core.Knowledge;

/// <summary>A text in one or more languages; English is always present and is the fallback.</summary>
public sealed class LocalizedText
{
    public const string DefaultLanguage = "en";

    private readonly FrozenDictionary<string, string> _byLanguage;

    public LocalizedText(IReadOnlyDictionary<string, string> byLanguage)
    {
        ArgumentNullException.ThrowIfNull(byLanguage);
        _byLanguage = byLanguage.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static LocalizedText Empty { get; } = new(new Dictionary<string, string>());

    public static LocalizedText English(string text) => new(new Dictionary<string, string> { [DefaultLanguage] = text });

    public IEnumerable<string> Languages => _byLanguage.Keys;

    public bool IsEmpty => _byLanguage.Count == 0;

    /// <summary>The text in <paramref name="language"/>, else in English, else empty.</summary>
    public string Get(string? language = null)
    {
        if (language is not null && _byLanguage.TryGetValue(language, out var text))
        {
            return text;
        }

        return _byLanguage.TryGetValue(DefaultLanguage, out var english) ? english : string.Empty;
    }

    public override string ToString() => Get();
}
