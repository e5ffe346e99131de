using Microsoft.Extensions.Options;

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

internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        // A mistyped tenant id would silently refuse everyone in that tenant: refuse to start instead.
        var bad = options.AllowedTenantIds.Where(id => !Guid.TryParse(id, out _)).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Teams:AllowedTenantIds: {string.Join(", ", bad.Select(b => $"'{b}'"))} is not a Microsoft Entra tenant id (a GUID).");
    }
}
