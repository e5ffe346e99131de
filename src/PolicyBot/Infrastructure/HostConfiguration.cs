using System.Reflection;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace PolicyBot.Infrastructure;

/// <summary>
/// Loads the repo's top-level appsettings.json wherever the bot starts: it is copied beside the binaries at
/// build and publish. Order (later wins), as ASP.NET Core's default: appsettings.json,
/// appsettings.{Environment}.json (beside the binaries, then in the working directory), user secrets (Development
/// only), environment variables, command line.
/// </summary>
internal static class HostConfiguration
{
    /// <summary>The project's UserSecretsId (PolicyBot.csproj), where `dotnet user-secrets set` writes.</summary>
    public static readonly string? UserSecretsId = typeof(HostConfiguration).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId;

    public static void Apply(ConfigurationManager configuration, string environmentName, string[] args) =>
        Apply(configuration, environmentName, args, UserSecretsId);

    internal static void Apply(ConfigurationManager configuration, string environmentName, string[] args, string? userSecretsId)
    {
        configuration.Sources.Clear();
        var baseDirectory = AppContext.BaseDirectory;
        configuration
            .AddJsonFile(Path.Combine(baseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(baseDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false);

        var workingDirectory = Directory.GetCurrentDirectory();
        if (!string.Equals(Path.GetFullPath(workingDirectory).TrimEnd('/'), Path.GetFullPath(baseDirectory).TrimEnd('/'), StringComparison.Ordinal))
        {
            configuration.AddJsonFile(Path.Combine(workingDirectory, $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false);
        }

        // Where docs/web-chat.md tells operators to keep the Direct Line secret on a development machine.
        if (userSecretsId is not null && string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase))
        {
            configuration.AddUserSecrets(userSecretsId, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables("ASPNETCORE_");
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
