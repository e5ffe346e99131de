namespace PolicyBot.Core.Language;

/// <summary>The languages PolicyBot answers in, by their two-letter codes (NATO's two official languages).</summary>
public static class Languages
{
    public const string English = "en";

    public const string French = "fr";

    /// <summary>Every supported language, the default first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, French];

    /// <summary>
    /// The supported language a locale or language code names ("fr-BE", "fr_CA", "FR" → "fr"), or null when it names
    /// none (null, empty, "de-DE").
    /// </summary>
    public static string? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var trimmed = locale.Trim();
        var end = trimmed.IndexOfAny(['-', '_']);
        var code = end < 0 ? trimmed : trimmed[..end];
        foreach (var language in Supported)
        {
            if (string.Equals(code, language, StringComparison.OrdinalIgnoreCase))
            {
                return language;
            }
        }

        return null;
    }
}
