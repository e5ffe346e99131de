using System.Globalization;
using System.Text;

namespace PolicyBot.Core.Matching;

/// <summary>
/// Turns a message as a channel delivers it into plain lower-case words separated by single spaces: HTML tags
/// and Teams mentions (<c>&lt;at&gt;Bot&lt;/at&gt;</c>, name included) are dropped, entities decoded, diacritics
/// folded (é → e, ß → ss), possessive "'s" dropped, and every other character (punctuation, curly quotes,
/// dashes, control characters, emoji) becomes a word break. Writes into a caller's buffer: no allocation.
/// </summary>
internal static class TextNormalizer
{
    private const int MaxTagLength = 512;
    private const int MaxMentionLength = 1_000;
    private const int MaxEntityLength = 10;

    private const char FoldStart = '\u00C0';
    private const char FoldEnd = '\u2000';

    /// <summary>Folded lower-case forms of the letters from Latin-1 to Greek Extended (é → e, ά → α); null where not a letter.</summary>
    private static readonly string?[] Folds = BuildFolds();

    /// <summary>The size of buffer that <see cref="Normalize"/> needs for an input of <paramref name="inputLength"/>.</summary>
    public static int BufferSize(int inputLength) => (inputLength * 2) + 2;

    /// <summary>Writes the normalised text of <paramref name="input"/> into <paramref name="output"/>; returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> input, Span<char> output)
    {
        var writer = new Writer(output);
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c == '<')
            {
                var markup = MarkupLength(input, i);
                writer.Break();
                i += Math.Max(markup, 1);
                continue;
            }

            if (c == '&' && TryDecodeEntity(input[i..], out var decoded, out var consumed))
            {
                writer.Append(decoded);
                i += consumed;
                continue;
            }

            if (IsApostrophe(c))
            {
                i += ApostropheLength(input, i, writer.EndsWithWordChar);
                continue;
            }

            writer.Append(c);
            i++;
        }

        return writer.Finish();
    }

    /// <summary>Normalises a whole string (index building and tests).</summary>
    public static string Normalize(string input)
    {
        var buffer = new char[BufferSize(input.Length)];
        var length = Normalize(input, buffer);
        return new string(buffer, 0, length);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4';

    /// <summary>"NATO's" → "nato", "don't" → "dont"; elsewhere an apostrophe is a word break. Returns chars consumed.</summary>
    private static int ApostropheLength(ReadOnlySpan<char> input, int i, bool afterWord)
    {
        var next = i + 1 < input.Length ? input[i + 1] : '\0';
        if (afterWord && next is 's' or 'S' && (i + 2 >= input.Length || !char.IsLetterOrDigit(input[i + 2])))
        {
            return 2;
        }

        return 1;
    }

    /// <summary>The length of a tag or Teams mention starting at <paramref name="start"/>, or 0 if '&lt;' starts none.</summary>
    private static int MarkupLength(ReadOnlySpan<char> input, int start)
    {
        if (start + 1 >= input.Length || !(char.IsAsciiLetter(input[start + 1]) || input[start + 1] is '/' or '!' or '?'))
        {
            return 0;
        }

        var window = input[start..Math.Min(input.Length, start + MaxTagLength)];
        var close = window.IndexOf('>');
        if (close < 0)
        {
            return 0;
        }

        var tag = window[..(close + 1)];
        if (tag.StartsWith("<at>", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("<at ", StringComparison.OrdinalIgnoreCase))
        {
            // A mention's text is the bot's or a person's name, never part of the question.
            var rest = input[(start + tag.Length)..];
            rest = rest[..Math.Min(rest.Length, MaxMentionLength)];
            var end = rest.IndexOf("</at>", StringComparison.OrdinalIgnoreCase);
            if (end >= 0)
            {
                return tag.Length + end + "</at>".Length;
            }
        }

        return tag.Length;
    }

    private static bool TryDecodeEntity(ReadOnlySpan<char> input, out char decoded, out int consumed)
    {
        decoded = ' ';
        consumed = 0;
        var window = input[..Math.Min(input.Length, MaxEntityLength + 2)];
        var semicolon = window.IndexOf(';');
        if (semicolon < 2)
        {
            return false;
        }

        var body = window[1..semicolon];
        if (body[0] == '#')
        {
            var isHex = body.Length > 1 && body[1] is 'x' or 'X';
            var digits = isHex ? body[2..] : body[1..];
            var style = isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
            if (!int.TryParse(digits, style, CultureInfo.InvariantCulture, out var code))
            {
                return false;
            }

            decoded = code is > 0 and <= char.MaxValue and not (>= 0xD800 and <= 0xDFFF) ? (char)code : ' ';
            consumed = semicolon + 1;
            return true;
        }

        char? named = body switch
        {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "ndash" or "mdash" or "hyphen" => '-',
            "lsquo" or "rsquo" => '\u2019',
            "ldquo" or "rdquo" => '"',
            _ => null,
        };
        if (named is null)
        {
            return false;
        }

        decoded = named.Value;
        consumed = semicolon + 1;
        return true;
    }

    private static string?[] BuildFolds()
    {
        var folds = new string?[FoldEnd - FoldStart];
        for (int c = FoldStart; c < FoldEnd; c++)
        {
            var ch = (char)c;
            if (!char.IsLetter(ch))
            {
                continue;
            }

            var special = ch switch
            {
                'ß' => "ss",
                'Æ' or 'æ' => "ae",
                'Œ' or 'œ' => "oe",
                'Ø' or 'ø' => "o",
                'Đ' or 'đ' or 'Ð' or 'ð' => "d",
                'Ł' or 'ł' => "l",
                'Þ' or 'þ' => "th",
                'ı' => "i",
                _ => null,
            };
            if (special is not null)
            {
                folds[c - FoldStart] = special;
                continue;
            }

            var builder = new StringBuilder();
            foreach (var part in ch.ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(char.ToLowerInvariant(part));
                }
            }

            folds[c - FoldStart] = builder.ToString();
        }

        return folds;
    }

    private ref struct Writer(Span<char> output)
    {
        private readonly Span<char> _output = output;
        private int _length;
        private bool _pendingBreak;

        public readonly bool EndsWithWordChar => _length > 0 && !_pendingBreak;

        public void Break() => _pendingBreak = _length > 0;

        public void Append(char c)
        {
            if (c < 0x80)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    Put(char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c);
                }
                else
                {
                    Break();
                }

                return;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                return;
            }

            if (c is >= FoldStart and < FoldEnd)
            {
                if (Folds[c - FoldStart] is { } fold)
                {
                    foreach (var f in fold)
                    {
                        Put(f);
                    }
                }
                else
                {
                    Break();
                }

                return;
            }

            if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber)
            {
                Put(char.ToLowerInvariant(c));
                return;
            }

            Break();
        }

        private void Put(char c)
        {
            if (_pendingBreak)
            {
                if (_length + 1 >= _output.Length)
                {
                    return;
                }

                _output[_length++] = ' ';
                _pendingBreak = false;
            }

            if (_length < _output.Length)
            {
                _output[_length++] = c;
            }
        }

        public readonly int Finish() => _length;
    }
}
