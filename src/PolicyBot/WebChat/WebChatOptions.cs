namespace PolicyBot.WebChat;

/// <summary>The web chat page and its Direct Line (configuration section "WebChat").</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// The Azure Bot Service Direct Line secret (a master key that never expires). The bot exchanges it for
    /// short-lived tokens; it is never sent to a browser. Set it in user secrets or the environment, not in a file.
    /// </summary>
    public string DirectLineSecret { get; set; } = string.Empty;

    /// <summary>Azure Bot Service's Direct Line; a regional one (for example https://europe.directline.botframework.com/) also works.</summary>
    public Uri DirectLineEndpoint { get; set; } = new("https://directline.botframework.com/");

    /// <summary>How long the bot waits for Azure to issue a token before the page is told the service is unavailable.</summary>
    public TimeSpan TokenRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Origins of the intranet pages allowed to show the chat page in an iframe (CSP frame-ancestors); empty allows only the bot's own pages.</summary>
    public List<string> AllowedFrameAncestors { get; set; } = [];

    public DevelopmentDirectLineOptions DevelopmentDirectLine { get; set; } = new();
}

/// <summary>The Direct Line 3.0 endpoint the bot hosts itself for local use (section "WebChat:DevelopmentDirectLine").</summary>
public sealed class DevelopmentDirectLineOptions
{
    /// <summary>On or off; when not set, on in the Development environment only.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Conversations held at once; starting one more evicts the oldest.</summary>
    public int MaxConversations { get; set; } = 200;

    /// <summary>A conversation older than this is forgotten (its calls get 404).</summary>
    public TimeSpan MaxConversationAge { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Activities kept per conversation; the oldest are dropped first.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 300;

    /// <summary>Bytes of activity JSON kept per conversation; the oldest activities are dropped first.</summary>
    public int MaxBytesPerConversation { get; set; } = 1_048_576;

    /// <summary>Largest activity a client may post (bytes of JSON); larger gets 413.</summary>
    public int MaxPostedActivityBytes { get; set; } = 32_768;

    /// <summary>WebSocket streams open at once per conversation (browser tabs); one more is refused with 429.</summary>
    public int MaxStreamsPerConversation { get; set; } = 4;

    /// <summary>How long a token is valid; Web Chat refreshes it every 15 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
