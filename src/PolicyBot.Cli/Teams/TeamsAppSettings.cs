namespace PolicyBot.Cli.Teams;

/// <summary>The Teams app's own settings: configuration section "Teams:App" (appsettings.json, Teams__App__* variables).</summary>
internal sealed class TeamsAppSettings
{
    public const string SectionName = "Teams:App";

    /// <summary>The Teams app's id (a GUID of its own, not the bot's): keep it stable, Teams treats a new id as a new app.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The app package's version (x.y.z); raise it for every package uploaded to Teams.</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Shown in Teams as the publisher (at most 32 characters).</summary>
    public string DeveloperName { get; set; } = string.Empty;

    public string WebsiteUrl { get; set; } = string.Empty;

    public string PrivacyUrl { get; set; } = string.Empty;

    public string TermsUrl { get; set; } = string.Empty;

    /// <summary>The host name of the bot's messaging endpoint (no scheme, no path), e.g. policybot.example.org.</summary>
    public string BotDomain { get; set; } = string.Empty;

    /// <summary>More domains the app may open, besides <see cref="BotDomain"/> (for instance the source documents' site).</summary>
    public List<string> ValidDomains { get; set; } = [];
}

/// <summary>Everything the manifest needs, checked.</summary>
internal sealed record TeamsPackageSettings(
    string TeamsAppId,
    string BotId,
    string Version,
    string DeveloperName,
    string WebsiteUrl,
    string PrivacyUrl,
    string TermsUrl,
    IReadOnlyList<string> ValidDomains);
