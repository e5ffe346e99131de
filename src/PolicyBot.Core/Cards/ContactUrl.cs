namespace PolicyBot.Core.Cards;

/// <summary>The policy office's channel offered on the fallback card: an https page or a mailto: address.</summary>
public static class ContactUrl
{
    /// <summary>Empty (no channel), an absolute https URL, or mailto: with an address.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0
            || uri.Scheme == Uri.UriSchemeMailto && value.Length > "mailto:".Length && value.Contains('@', StringComparison.Ordinal);
    }

    public static string Problem(string setting, string? value) =>
        $"{setting} must be an https URL (a page) or a mailto: address, or empty; '{value}' is neither.";
}
