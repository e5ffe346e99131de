using System.Text.RegularExpressions;

namespace PolicyBot.Analytics;

/// <summary>
/// Takes what identifies a person or a case out of a question before it is kept: e-mail addresses, phone numbers,
/// long digit runs (staff, case and account numbers) and links with a query string (which carry ids and tokens).
/// Years, dates and UN resolution numbers stay: they are what policy questions are about.
/// </summary>
public static partial class QuestionRedactor
{
    public const string Email = "[email]";
    public const string Phone = "[phone]";
    public const string Number = "[number]";
    public const string Link = "[link]";

    /// <summary>Longest text kept (after redaction): a question, or a note typed after a 👎.</summary>
    public const int MaxLength = 500;

    private const int MinPhoneDigits = 8;
    private const int MaxPhoneDigits = 15;

    public static string Redact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var redacted = EmailPattern().Replace(text, Email);
        redacted = LinkWithQueryPattern().Replace(redacted, Link);
        redacted = PhonePattern().Replace(redacted, m => IsPhone(m.Value) ? Phone : m.Value);
        redacted = LongDigitsPattern().Replace(redacted, Number);
        redacted = WhitespacePattern().Replace(redacted, " ").Trim();
        return redacted.Length <= MaxLength ? redacted : redacted[..MaxLength].TrimEnd() + "…";
    }

    /// <summary>
    /// A run of digit groups is a phone number when it starts with + or 00, or when it has at least three groups one
    /// of which is short (0475 12 34 56, 555-123-4567); "1325 1820 1888" (resolutions) and dates are not.
    /// </summary>
    private static bool IsPhone(string candidate)
    {
        var digits = candidate.Count(char.IsAsciiDigit);
        if (digits < MinPhoneDigits || digits > MaxPhoneDigits || DatePattern().IsMatch(candidate))
        {
            return false;
        }

        if (candidate.StartsWith('+') || candidate.StartsWith("00", StringComparison.Ordinal))
        {
            return true;
        }

        var groups = DigitGroupPattern().Matches(candidate).Select(g => g.Length).ToList();
        return groups.Count >= 3 && groups.Any(g => g <= 3);
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s?#]*[?#]\S*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LinkWithQueryPattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+|00)?\(?\d+\)?(?:[ .\-/]{1,2}\(?\d+\)?)+(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^\(?(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex DigitGroupPattern();

    [GeneratedRegex(@"(?<!\w)\d{6,}(?!\w)", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitsPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
