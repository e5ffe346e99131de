namespace PolicyBot.Options;

/// <summary>Teams settings (configuration section "Teams").</summary>
public sealed class TeamsOptions
{
    public const string SectionName = "Teams";

    /// <summary>
    /// Microsoft Entra tenant ids whose Teams users may use the bot. Empty allows every tenant (local use);
    /// set it in production.
    /// </summary>
    public List<string> AllowedTenantIds { get; set; } = [];
}
