using System.Globalization;
using System.Text;
using PolicyBot.Core.Language;

namespace PolicyBot.Core.Matching;

/// <summary>
/// Turns a message as a channel delivers it into plain lower-case words separated by single spaces: HTML tags
/// and Teams mentions (<c>&lt;at&gt;Bot&lt;/at&gt;</c>, name included) are dropped, entities decoded, diacritics
/// folded (é → e, ß → ss), possessive "'s" dropped, and every other character (punctuation, curly quotes,
/// dashes, control characters, emoji) becomes a word break. Writes into a caller's buffer: no allocation.
/// <para>
/// French text differs in two ways: an elided word ("l'", "qu’", "jusqu'") is dropped with its apostrophe, and accents
/// are kept (lower-cased), because "traité" (treaty) and "traite" (trafficking) are different words: the French
/// analyser folds each word itself once it has looked at it (<see cref="Fold"/>).
/// </para>
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

    /// <summary>The words French elides before a vowel ("l'OTAN", "qu’elle", "jusqu'à"), as the normaliser writes them.</summary>
    private static readonly string[] FrenchElisions = ["l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"];

    /// <summary>Writes the normalised text of <paramref name="input"/> (English rules) into <paramref name="output"/>; returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> input, Span<char> output) => Normalize(input, output, Languages.English);

    /// <summary>Writes the normalised text of <paramref name="input"/> in <paramref name="language"/> into <paramref name="output"/>; returns its length.</summary>
    public static int Normalize(ReadOnlySpan<char> input, Span<char> output, string language)
    {
        var french = language == Languages.French;
        var writer = new Writer(output, foldAccents: !french);
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
                i += consumed;
                if (french && IsApostrophe(decoded))
                {
                    writer.Elide(i < input.Length ? input[i] : '\0');
                }
                else
                {
                    writer.Append(decoded);
                }

                continue;
            }

            if (IsApostrophe(c))
            {
                if (french)
                {
                    writer.Elide(i + 1 < input.Length ? input[i + 1] : '\0');
                    i++;
                }
                else
                {
                    i += ApostropheLength(input, i, writer.EndsWithWordChar);
                }

                continue;
            }

            writer.Append(c);
            i++;
        }

        return writer.Finish();
    }

    /// <summary>Normalises a whole string (index building and tests).</summary>
    public static string Normalize(string input, string language = Languages.English)
    {
        var buffer = new char[BufferSize(input.Length)];
        var length = Normalize(input, buffer, language);
        return new string(buffer, 0, length);
    }

    /// <summary>
    /// Writes <paramref name="word"/>, a word of normalised text, with its accents folded (é → e, œ → oe) into
    /// <paramref name="output"/> (at least twice its length); returns the folded length.
    /// </summary>
    public static int Fold(ReadOnlySpan<char> word, Span<char> output)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (c is >= FoldStart and < FoldEnd && Folds[c - FoldStart] is { } fold)
            {
                foreach (var f in fold)
                {
                    output[length++] = f;
                }
            }
            else
            {
                output[length++] = c;
            }
        }

        return length;
    }

    /// <summary>Folds a whole word (index building and tests).</summary>
    public static string Fold(string word)
    {
        var buffer = new char[word.Length * 2];
        return new string(buffer, 0, Fold(word, buffer));
    }

    /// <summary>Whether <paramref name="word"/> (lower case, without its apostrophe) is one French elides ("l", "qu", "jusqu").</summary>
    public static bool IsFrenchElision(ReadOnlySpan<char> word)
    {
        foreach (var elision in FrenchElisions)
        {
            if (word.SequenceEqual(elision))
            {
                return true;
            }
        }

        return false;
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

    private ref struct Writer(Span<char> output, bool foldAccents)
    {
        private readonly Span<char> _output = output;
        private readonly bool _foldAccents = foldAccents;
        private int _length;
        private int _wordStart;
        private bool _pendingBreak;

        public readonly bool EndsWithWordChar => _length > 0 && !_pendingBreak;

        public void Break() => _pendingBreak = _length > 0;

        /// <summary>
        /// An apostrophe in French: after an elided word ("l'", "qu’") that a letter follows, the elided word is dropped
        /// ("l'OTAN" → "otan"); anywhere else the apostrophe breaks words ("aujourd'hui" → "aujourd hui").
        /// </summary>
        public void Elide(char next)
        {
            if (EndsWithWordChar && char.IsLetter(next) && IsFrenchElision(_output[_wordStart.._length]))
            {
                // Back to where the elided word started: the break before it, if any, is pending again.
                _length = _wordStart;
                if (_length > 0)
                {
                    _length--;
                    _pendingBreak = true;
                }

                return;
            }

            Break();
        }

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
                // Kept accents are written composed: a decomposed "traite\u0301" is still "traité".
                if (!_foldAccents && c == '\u0301' && EndsWithWordChar && _output[_length - 1] == 'e')
                {
                    _output[_length - 1] = 'é';
                }

                return;
            }

            if (c is >= FoldStart and < FoldEnd && !_foldAccents)
            {
                if (Folds[c - FoldStart] is not null)
                {
                    Put(char.ToLowerInvariant(c));
                }
                else
                {
                    Break();
                }

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
                _wordStart = _length;
            }

            if (_length < _output.Length)
            {
                _output[_length++] = c;
            }
        }

        public readonly int Finish() => _length;
    }
}
