using System.Globalization;
using System.Text;

namespace PolicyBot.Core.Cards;

/// <summary>Text helpers for cards: escaping what the user typed, and truncation (dates: <see cref="LanguageStrings"/>).</summary>
public static class CardText
{
    /// <summary>
    /// Characters that start markdown (emphasis, code, links, strikethrough) or HTML (tags, entities). A backslash
    /// before ASCII punctuation is a literal in CommonMark, which the Adaptive Card renderers follow.
    /// </summary>
    private const string MarkdownSpecials = "\\`*_~[]<>&";

    /// <summary>
    /// Makes user text safe inside an Adaptive Card TextBlock: one line, no control characters, at most
    /// <paramref name="maxLength"/> characters (cut with an ellipsis), and markdown and HTML escaped so that
    /// "**x**", "[a](b)" or "&lt;b&gt;" are shown as typed, never rendered.
    /// </summary>
    public static string EscapeUserText(string? text, int maxLength)
    {
        var plain = TruncateUserText(text, maxLength);
        var builder = new StringBuilder(plain.Length + 8);
        foreach (var c in plain)
        {
            if (MarkdownSpecials.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>User text for plain-text replies: one line, no control characters, cut to <paramref name="maxLength"/>.</summary>
    public static string TruncateUserText(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var lastWasSpace = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            // Format characters (bidi overrides, zero-width joiners) can disguise the text; drop them.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(c);
            lastWasSpace = false;
        }

        var collapsed = builder.ToString().Trim();
        return Truncate(collapsed, maxLength);
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> characters, ending with "…", never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }
}
