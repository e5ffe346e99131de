using Microsoft.Extensions.Options;

namespace PolicyBot.Options;

/// <summary>What may be logged, and what the content owners' analytics may keep (configuration section "Privacy").</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";
    public const int MostRetentionDays = 3_650;

    /// <summary>
    /// Log what users type, for content tuning. Off by default: logs carry ids, outcome and node only. Turn it on
    /// for a limited period and say so to users.
    /// </summary>
    public bool LogUserText { get; set; }

    /// <summary>
    /// Keep the question (redacted) with a fallback, a suggestions reply or a 👎, for the content report's
    /// unanswered questions. Off: the events keep outcome, node and score only.
    /// </summary>
    public bool KeepUnansweredText { get; set; } = true;

    /// <summary>Analytics events older than this many days are deleted (checked at start-up and every hour).</summary>
    public int RetentionDays { get; set; } = 30;
}

internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options) =>
        options.RetentionDays is >= 1 and <= PrivacyOptions.MostRetentionDays
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Privacy:RetentionDays: '{options.RetentionDays}' must be from 1 to {PrivacyOptions.MostRetentionDays} days (analytics events older than this are deleted).");
}
