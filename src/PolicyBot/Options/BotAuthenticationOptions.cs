using Microsoft.Extensions.Options;

namespace PolicyBot.Options;

/// <summary>
/// The standard Bot Framework settings, read from the configuration root (MicrosoftAppType, MicrosoftAppId,
/// MicrosoftAppPassword, MicrosoftAppTenantId) exactly as ConfigurationBotFrameworkAuthentication reads them.
/// Bound here only to check them at start-up.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public string MicrosoftAppType { get; set; } = "MultiTenant";

    public string MicrosoftAppId { get; set; } = string.Empty;

    public string MicrosoftAppPassword { get; set; } = string.Empty;

    public string MicrosoftAppTenantId { get; set; } = string.Empty;

    public bool IsAnonymous => string.IsNullOrWhiteSpace(MicrosoftAppId);
}

internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    private static readonly string[] AppTypes = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var failures = new List<string>();
        if (!AppTypes.Contains(options.MicrosoftAppType, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType: '{options.MicrosoftAppType}' is not one of {string.Join(", ", AppTypes)}.");
        }

        if (!options.IsAnonymous && !Guid.TryParse(options.MicrosoftAppId, out _))
        {
            failures.Add($"MicrosoftAppId: '{options.MicrosoftAppId}' is not a GUID (the Azure Bot resource's app id), or leave it empty for the Emulator.");
        }

        if (options.IsAnonymous && !string.IsNullOrEmpty(options.MicrosoftAppPassword))
        {
            failures.Add("MicrosoftAppPassword: set without MicrosoftAppId; set both, or neither for local use.");
        }

        var needsTenant = options.MicrosoftAppType.Equals("SingleTenant", StringComparison.OrdinalIgnoreCase)
            || options.MicrosoftAppType.Equals("UserAssignedMSI", StringComparison.OrdinalIgnoreCase);
        if (needsTenant && !options.IsAnonymous && !Guid.TryParse(options.MicrosoftAppTenantId, out _))
        {
            failures.Add($"MicrosoftAppTenantId: a {options.MicrosoftAppType} bot needs its Microsoft Entra tenant id (a GUID).");
        }

        if (options.MicrosoftAppType.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase)
            && !options.IsAnonymous && string.IsNullOrEmpty(options.MicrosoftAppPassword))
        {
            failures.Add("MicrosoftAppPassword: a MultiTenant bot with an app id needs its client secret.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
