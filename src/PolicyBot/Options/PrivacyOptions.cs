namespace PolicyBot.Options;

/// <summary>What may be logged (configuration section "Privacy").</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>
    /// Log what users type, for content tuning. Off by default: logs carry ids, outcome and node only. Turn it on
    /// for a limited period and say so to users.
    /// </summary>
    public bool LogUserText { get; set; }
}
