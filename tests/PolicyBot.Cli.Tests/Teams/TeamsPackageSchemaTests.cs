using System.Text.Json.Nodes;
using PolicyBot.Cli.Teams;
using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests.Teams;

/// <summary>teams-package validates what it packages against the official schemas committed in manifests/schemas/.</summary>
public sealed class TeamsPackageSchemaTests
{
    [Theory]
    [InlineData(TeamsManifestSchema.ManifestSchemaFile)]
    [InlineData(TeamsManifestSchema.LocalizationSchemaFile)]
    public void The_committed_schemas_are_the_official_files_byte_for_byte_and_the_CLI_embeds_them(string fileName)
    {
        var committed = File.ReadAllBytes(Path.Combine(RepoPaths.Manifests, "schemas", fileName));

        Assert.Equal(File.ReadAllBytes(RepoPaths.SharedFile("schemas", fileName)), committed);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(committed), TeamsAppResources.ReadSchema(fileName));
    }

    [Fact]
    public void The_normal_package_passes_the_schemas_and_says_nothing_on_the_error_stream()
    {
        using var run = new PackageRun().Run().Succeeded();

        Assert.Empty(run.Error);
        Assert.Empty(TeamsManifestSchema.PackageErrors(run.Manifest().ToJsonString(), [("fr.json", System.Text.Encoding.UTF8.GetString(run.Entry("fr.json")))]));
    }

    [Fact]
    public void A_setting_that_breaks_the_manifest_schema_is_refused_naming_the_location_and_nothing_is_written()
    {
        // The settings reader accepts any absolute https:// URL; the 1.17 schema allows at most 2048 characters.
        var longUrl = "https://policybot.example.org/" + new string('a', 2048);
        using var run = new PackageRun();
        Directory.CreateDirectory(Path.GetDirectoryName(run.ZipFile)!);
        File.WriteAllText(run.ZipFile, "an earlier package");

        run.Run("--Teams:App:WebsiteUrl", longUrl);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("official Teams 1.17 schemas", run.Error, StringComparison.Ordinal);
        Assert.Contains("manifest.json /developer/websiteUrl: maxLength:", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrote", run.Output, StringComparison.Ordinal);
        Assert.Equal("an earlier package", File.ReadAllText(run.ZipFile));
        Assert.False(File.Exists(run.ZipFile + ".partial"));
    }

    [Fact]
    public void A_refused_package_leaves_no_file_behind()
    {
        using var run = new PackageRun().Run("--Teams:App:TermsUrl", "https://policybot.example.org/" + new string('t', 2100));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("manifest.json /developer/termsOfUseUrl: maxLength:", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(run.ZipFile)));
    }

    [Fact]
    public void A_bad_language_file_is_refused_naming_the_file_and_each_location()
    {
        using var run = new PackageRun().Run().Succeeded();
        var french = JsonNode.Parse(run.Entry("fr.json"))!.AsObject();
        french["name.short"] = "PolicyBot, l'assistant des politiques";
        french.Remove("description.full");
        french["bots[0].commandLists[0].commands[12].title"] = "aide";

        var errors = TeamsManifestSchema.PackageErrors(run.Manifest().ToJsonString(), [("fr.json", french.ToJsonString())]);

        Assert.Contains(errors, e => e.StartsWith("fr.json /name.short: maxLength:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("fr.json (root): required:", StringComparison.Ordinal) && e.Contains("description.full", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("fr.json (root): additionalProperties:", StringComparison.Ordinal) || e.StartsWith("fr.json /bots[0].commandLists[0].commands[12].title:", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("manifest.json", StringComparison.Ordinal));
    }
}
