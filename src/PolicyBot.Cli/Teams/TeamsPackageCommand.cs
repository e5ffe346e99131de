using Microsoft.Extensions.Configuration;
using PolicyBot.Core;

namespace PolicyBot.Cli.Teams;

/// <summary>
/// teams-package --out FILE.zip [--bot-id GUID] [--config FILE] [--Teams:App:KEY VALUE ...]: builds the Teams
/// app package from manifests/ and the settings, and refuses one whose manifest or language files break the official
/// Teams schemas of the manifest's version (manifests/schemas/). Settings, later wins: appsettings.json (the repo's, found from
/// the working directory upwards, or --config FILE), environment variables (MicrosoftAppId, Teams__App__*),
/// command-line settings, --bot-id.
/// </summary>
internal static class TeamsPackageCommand
{
    public const string Usage = "Usage: teams-package --out FILE.zip [--bot-id GUID] [--config appsettings.json] [--Teams:App:KEY VALUE ...]";
    private const string AppSettingsFile = "appsettings.json";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var options, out var problem))
        {
            error.WriteLine($"teams-package: {problem}");
            error.WriteLine(Usage);
            return 2;
        }

        var configFile = options.ConfigFile ?? ContentFolders.Find(AppSettingsFile);
        if (options.ConfigFile is not null && !File.Exists(options.ConfigFile))
        {
            error.WriteLine($"teams-package: --config {options.ConfigFile}: no such file.");
            return 2;
        }

        IConfiguration configuration;
        try
        {
            configuration = BuildConfiguration(configFile, options.SettingArgs);
        }
        catch (InvalidDataException ex)
        {
            error.WriteLine($"teams-package: {configFile} could not be read: {ex.Message}");
            return 2;
        }

        var (settings, errors) = TeamsPackageSettingsReader.Read(configuration);
        if (settings is null)
        {
            error.WriteLine($"teams-package: refused; fix these settings (read from {configFile ?? "no appsettings.json"}, the environment and the command line):");
            foreach (var message in errors)
            {
                error.WriteLine("  " + message);
            }

            return 2;
        }

        try
        {
            var manifest = TeamsManifestBuilder.Build(TeamsAppResources.ReadTemplate(), settings);
            var languages = TeamsManifestBuilder.LanguageFiles(manifest)
                .Select(file => (file, TeamsManifestBuilder.BuildLanguageFile(file, TeamsAppResources.ReadText(file))))
                .ToList();

            // Teams rejects an upload that breaks its schema with a terse message; refuse here, naming each place, instead.
            var schemaErrors = TeamsManifestSchema.PackageErrors(manifest, languages);
            if (schemaErrors.Count > 0)
            {
                error.WriteLine($"teams-package: refused, nothing written; the package breaks the official Teams {TeamsManifestSchema.ManifestVersion} schemas (manifests/schemas/). Fix the setting or the file in manifests/ behind each error:");
                foreach (var message in schemaErrors)
                {
                    error.WriteLine("  " + message);
                }

                return 2;
            }

            var color = TeamsAppResources.ReadIcon(TeamsAppResources.ColorFile);
            var outline = TeamsAppResources.ReadIcon(TeamsAppResources.OutlineFile);
            TeamsPackageWriter.Write(options.OutFile!, manifest, languages, color, outline);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            error.WriteLine($"teams-package: could not write {options.OutFile}: {ex.Message}");
            return 1;
        }

        output.WriteLine($"Wrote {Path.GetFullPath(options.OutFile!)}: Teams app {settings.TeamsAppId} version {settings.Version}, bot {settings.BotId}, domains {string.Join(", ", settings.ValidDomains)}.");
        output.WriteLine("Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin centre.");
        return 0;
    }

    internal static IConfiguration BuildConfiguration(string? configFile, IReadOnlyList<string> settingArgs)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        return builder
            .AddEnvironmentVariables()
            .AddCommandLine([.. settingArgs], new Dictionary<string, string> { ["--bot-id"] = TeamsPackageSettingsReader.BotIdKey })
            .Build();
    }

    private static bool TryParse(IReadOnlyList<string> args, out PackageOptions options, out string? problem)
    {
        options = new PackageOptions();
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = SplitOption(args[i]);
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"unexpected argument '{args[i]}'.";
                return false;
            }

            string? value = inlineValue;
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    problem = $"{name} needs a value.";
                    return false;
                }

                value = args[++i];
            }

            switch (name)
            {
                case "--out":
                    options.OutFile = value;
                    break;
                case "--config":
                    options.ConfigFile = value;
                    break;
                case "--bot-id":
                    options.SettingArgs.AddRange(["--bot-id", value]);
                    break;
                default:
                    // Any setting by its configuration key, e.g. --Teams:App:PrivacyUrl https://... or --MicrosoftAppId GUID.
                    if (!name.Contains(':', StringComparison.Ordinal) && name != "--" + TeamsPackageSettingsReader.BotIdKey)
                    {
                        problem = $"unknown option '{name}'.";
                        return false;
                    }

                    options.SettingArgs.AddRange([name, value]);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(options.OutFile))
        {
            problem = "--out FILE.zip is required.";
            return false;
        }

        return true;
    }

    private static (string Name, string? Value) SplitOption(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private sealed class PackageOptions
    {
        public string? OutFile { get; set; }

        public string? ConfigFile { get; set; }

        public List<string> SettingArgs { get; } = [];
    }
}
