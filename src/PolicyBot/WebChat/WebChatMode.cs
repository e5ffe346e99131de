using Microsoft.Extensions.Options;

namespace PolicyBot.WebChat;

/// <summary>Where the page's Direct Line is: the bot's own development endpoint, Azure Bot Service, or nowhere.</summary>
public enum WebChatMode
{
    /// <summary>Neither the development Direct Line nor a Direct Line secret: the page says the chat is not set up.</summary>
    Unavailable,

    /// <summary>The Direct Line 3.0 endpoint hosted by the bot itself (/v3/directline).</summary>
    Development,

    /// <summary>Azure Bot Service's Direct Line, with tokens from the bot's token endpoint.</summary>
    Azure,
}

/// <summary>Decides the mode once, from the options and the environment.</summary>
internal sealed class WebChatModeSelector
{
    public WebChatModeSelector(IOptions<WebChatOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var value = options.Value;
        DevelopmentDirectLineEnabled = value.DevelopmentDirectLine.Enabled ?? environment.IsDevelopment();
        Mode = DevelopmentDirectLineEnabled
            ? WebChatMode.Development
            : string.IsNullOrWhiteSpace(value.DirectLineSecret) ? WebChatMode.Unavailable : WebChatMode.Azure;
    }

    public bool DevelopmentDirectLineEnabled { get; }

    public WebChatMode Mode { get; }
}
