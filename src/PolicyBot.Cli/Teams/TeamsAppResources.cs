namespace PolicyBot.Cli.Teams;

/// <summary>The manifest template and icons from manifests/, embedded in the CLI at build time.</summary>
internal static class TeamsAppResources
{
    public static string ReadTemplate()
    {
        using var reader = new StreamReader(Open(ManifestsFolder.TemplateFile));
        return reader.ReadToEnd();
    }

    public static byte[] ReadIcon(string fileName)
    {
        using var stream = Open(fileName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Stream Open(string fileName) =>
        typeof(TeamsAppResources).Assembly.GetManifestResourceStream("PolicyBot.Cli.Teams." + fileName)
        ?? throw new FileNotFoundException($"manifests/{fileName} was not built into the CLI; run 'policybot teams-icons' for the icons, then build again.", fileName);
}
