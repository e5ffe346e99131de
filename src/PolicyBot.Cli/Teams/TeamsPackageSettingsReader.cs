using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace PolicyBot.Cli.Teams;

/// <summary>Reads and checks the package's settings; every problem is reported at once, each naming its setting.</summary>
internal static partial class TeamsPackageSettingsReader
{
    public const string BotIdKey = "MicrosoftAppId";
    private const int MaxDeveloperName = 32;
    private const int MaxValidDomains = 16;

    public static (TeamsPackageSettings? Settings, IReadOnlyList<string> Errors) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var app = configuration.GetSection(TeamsAppSettings.SectionName).Get<TeamsAppSettings>() ?? new TeamsAppSettings();
        var errors = new List<string>();

        var botId = Guid(configuration[BotIdKey], BotIdKey, "the bot's Microsoft app id from the Azure Bot resource; set MicrosoftAppId or pass --bot-id GUID", errors);
        var teamsAppId = Guid(app.Id, Key(nameof(app.Id)), "the Teams app's own id; generate one once and keep it", errors);

        if (!SemVer().IsMatch(app.Version ?? string.Empty))
        {
            errors.Add($"{Key(nameof(app.Version))}: '{app.Version}' is not a version like 1.0.0 (major.minor.patch).");
        }

        var developerName = app.DeveloperName?.Trim() ?? string.Empty;
        if (developerName.Length == 0)
        {
            errors.Add($"{Key(nameof(app.DeveloperName))} is missing: the publisher name Teams shows (at most {MaxDeveloperName} characters).");
        }
        else if (developerName.Length > MaxDeveloperName)
        {
            errors.Add($"{Key(nameof(app.DeveloperName))}: '{developerName}' is {developerName.Length} characters; Teams allows at most {MaxDeveloperName}.");
        }

        var websiteUrl = HttpsUrl(app.WebsiteUrl, Key(nameof(app.WebsiteUrl)), errors);
        var privacyUrl = HttpsUrl(app.PrivacyUrl, Key(nameof(app.PrivacyUrl)), errors);
        var termsUrl = HttpsUrl(app.TermsUrl, Key(nameof(app.TermsUrl)), errors);

        var domains = new List<string>();
        if (string.IsNullOrWhiteSpace(app.BotDomain))
        {
            errors.Add($"{Key(nameof(app.BotDomain))} is missing: the host name of the bot's messaging endpoint, e.g. policybot.example.org.");
        }
        else
        {
            AddDomain(app.BotDomain, Key(nameof(app.BotDomain)), domains, errors);
        }

        for (var i = 0; i < app.ValidDomains.Count; i++)
        {
            AddDomain(app.ValidDomains[i], $"{Key(nameof(app.ValidDomains))}:{i}", domains, errors);
        }

        if (domains.Count > MaxValidDomains)
        {
            errors.Add($"{Key(nameof(app.ValidDomains))}: {domains.Count} domains with {Key(nameof(app.BotDomain))}; Teams allows at most {MaxValidDomains}.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new TeamsPackageSettings(teamsAppId!, botId!, app.Version!, developerName, websiteUrl!, privacyUrl!, termsUrl!, domains), errors);
    }

    private static string Key(string property) => $"{TeamsAppSettings.SectionName}:{property}";

    private static string? Guid(string? value, string key, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing: {what}.");
            return null;
        }

        if (!System.Guid.TryParseExact(value.Trim(), "D", out var guid))
        {
            errors.Add($"{key}: '{value}' is not a GUID like 00000000-0000-0000-0000-000000000000 ({what}).");
            return null;
        }

        return guid.ToString("D");
    }

    private static string? HttpsUrl(string? value, string key, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is missing: an absolute https:// URL.");
            return null;
        }

        var url = value.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add($"{key}: '{value}' is not an absolute https:// URL.");
            return null;
        }

        return url;
    }

    private static void AddDomain(string value, string key, List<string> domains, List<string> errors)
    {
        var domain = value.Trim();
        var host = domain.StartsWith("*.", StringComparison.Ordinal) ? domain[2..] : domain;
        if (domain.Contains("://", StringComparison.Ordinal) || Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            errors.Add($"{key}: '{value}' is not a host name like policybot.example.org (no https://, no path, no port).");
            return;
        }

        if (!domains.Contains(domain, StringComparer.OrdinalIgnoreCase))
        {
            domains.Add(domain);
        }
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex SemVer();
}
