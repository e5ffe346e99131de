namespace PolicyBot.Infrastructure;

/// <summary>
/// Loads the repo's top-level appsettings.json wherever the bot starts: it is copied beside the binaries at
/// build and publish. Order (later wins): appsettings.json, appsettings.{Environment}.json (beside the binaries,
/// then in the working directory), environment variables, command line.
/// </summary>
internal static class HostConfiguration
{
    public static void Apply(ConfigurationManager configuration, string environmentName, string[] args)
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

        configuration.AddEnvironmentVariables("ASPNETCORE_");
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
