namespace PolicyBot.Cli.Teams;

/// <summary>
/// The manifest template, its language files, the icons and the official schemas (manifests/schemas/) from
/// manifests/, embedded in the CLI at build time.
/// </summary>
internal static class TeamsAppResources
{
    public const string TemplateFile = "manifest.template.json";

    /// <summary>The 192×192 colour icon, committed in manifests/.</summary>
    public const string ColorFile = "color.png";

    /// <summary>The 32×32 white-on-transparent outline icon, committed in manifests/.</summary>
    public const string OutlineFile = "outline.png";

    public static string ReadTemplate() => ReadText(TemplateFile);

    /// <summary>A text file of manifests/ (the template, a language file such as fr.json).</summary>
    public static string ReadText(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return reader.ReadToEnd();
    }

    /// <summary>An official schema file of manifests/schemas/ (teams-manifest-1.17.json, ...).</summary>
    public static string ReadSchema(string fileName) => ReadText("schemas/" + fileName);

    public static byte[] ReadIcon(string fileName)
    {
        using var stream = Open(fileName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // A file under manifests/ by its path there ("fr.json", "schemas/teams-manifest-1.17.json"); the csproj names the resources so.
    private static Stream Open(string fileName) =>
        typeof(TeamsAppResources).Assembly.GetManifestResourceStream("PolicyBot.Cli.Teams." + fileName.Replace('/', '.'))
        ?? throw new FileNotFoundException($"manifests/{fileName} was not built into the CLI; restore it from git, then build again.", fileName);
}
