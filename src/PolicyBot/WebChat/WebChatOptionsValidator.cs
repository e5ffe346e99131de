using Microsoft.Extensions.Options;

namespace PolicyBot.WebChat;

/// <summary>Checks the WebChat section at start-up; each failure names its setting and the allowed range.</summary>
internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    private const string Section = WebChatOptions.SectionName;
    private const string Dev = Section + ":DevelopmentDirectLine";

    public ValidateOptionsResult Validate(string? name, WebChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var endpoint = options.DirectLineEndpoint;
        // The secret travels to this endpoint: https, or plain http only to this machine (a local stand-in, tests).
        if (endpoint is null || !endpoint.IsAbsoluteUri || !(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)))
        {
            failures.Add($"{Section}:DirectLineEndpoint: '{endpoint}' must be an absolute https URL (Azure Bot Service's Direct Line, for example https://directline.botframework.com/), or http on this machine only.");
        }

        CheckRange(failures, $"{Section}:TokenRequestTimeout", options.TokenRequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        foreach (var origin in options.AllowedFrameAncestors)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
            {
                failures.Add($"{Section}:AllowedFrameAncestors: '{origin}' must be an origin such as https://intranet.example.org (scheme and host, no path).");
            }
        }

        var dev = options.DevelopmentDirectLine ?? new DevelopmentDirectLineOptions();
        CheckRange(failures, $"{Dev}:MaxConversations", dev.MaxConversations, 1, 100_000);
        CheckRange(failures, $"{Dev}:MaxActivitiesPerConversation", dev.MaxActivitiesPerConversation, 10, 100_000);
        CheckRange(failures, $"{Dev}:MaxBytesPerConversation", dev.MaxBytesPerConversation, 65_536, 67_108_864);
        CheckRange(failures, $"{Dev}:MaxPostedActivityBytes", dev.MaxPostedActivityBytes, 1_024, 1_048_576);
        CheckRange(failures, $"{Dev}:MaxStreamsPerConversation", dev.MaxStreamsPerConversation, 1, 64);
        CheckRange(failures, $"{Dev}:MaxConversationAge", dev.MaxConversationAge, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        CheckRange(failures, $"{Dev}:TokenLifetime", dev.TokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        if (dev.MaxPostedActivityBytes > dev.MaxBytesPerConversation)
        {
            failures.Add($"{Dev}:MaxPostedActivityBytes ({dev.MaxPostedActivityBytes}) must not exceed {Dev}:MaxBytesPerConversation ({dev.MaxBytesPerConversation}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange<T>(List<string> failures, string key, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            failures.Add($"{key}: {value} is outside {min}..{max}.");
        }
    }
}
