using System.IO.Compression;
using System.Text.Json.Nodes;

namespace PolicyBot.Cli.Tests.Teams;

/// <summary>Runs "policybot teams-package" in a temporary folder with a settings file, as an operator would.</summary>
internal sealed class PackageRun : IDisposable
{
    public const string BotId = "8c4a3b9e-1f7d-4a52-9d3e-6b0f2c1a7e55";
    public const string TeamsAppId = "2f0b8c55-6a1e-4f4b-9b7e-3c2d1a0e9f84";

    public PackageRun(JsonObject? settings = null)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(ConfigFile, (settings ?? ValidSettings()).ToJsonString());
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "policybot-teams-" + Guid.NewGuid().ToString("N"));

    public string ConfigFile => Path.Combine(Folder, "appsettings.json");

    public string ZipFile => Path.Combine(Folder, "out", "policybot-teams.zip");

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    /// <summary>A complete, valid configuration: MicrosoftAppId and the Teams:App section.</summary>
    public static JsonObject ValidSettings() => new()
    {
        ["MicrosoftAppId"] = BotId,
        ["Teams"] = new JsonObject
        {
            ["AllowedTenantIds"] = new JsonArray(),
            ["App"] = new JsonObject
            {
                ["Id"] = TeamsAppId,
                ["Version"] = "1.2.3",
                ["DeveloperName"] = "NATO Human Security Unit",
                ["WebsiteUrl"] = "https://policybot.example.org",
                ["PrivacyUrl"] = "https://policybot.example.org/privacy",
                ["TermsUrl"] = "https://policybot.example.org/terms",
                ["BotDomain"] = "policybot.example.org",
                ["ValidDomains"] = new JsonArray("www.nato.int"),
            },
        },
    };

    public PackageRun Run(params string[] extraArgs)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        ExitCode = CliApp.Run(["teams-package", "--out", ZipFile, "--config", ConfigFile, .. extraArgs], TextReader.Null, output, error);
        Output = output.ToString();
        Error = error.ToString();
        return this;
    }

    public PackageRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}: {Error}");
        return this;
    }

    public byte[] Entry(string name)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(ZipFile);
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the package");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public JsonObject Manifest() => JsonNode.Parse(Entry("manifest.json"))!.AsObject();

    public IReadOnlyList<string> EntryNames()
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(ZipFile);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
