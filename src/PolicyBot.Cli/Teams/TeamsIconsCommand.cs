namespace PolicyBot.Cli.Teams;

/// <summary>
/// teams-icons [--out DIR]: draws color.png (192×192) and outline.png (32×32) into manifests/ (or DIR). The
/// committed icons come from here; teams-package embeds them.
/// </summary>
internal static class TeamsIconsCommand
{
    public const string ColorFile = "color.png";
    public const string OutlineFile = "outline.png";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? outDirectory = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Count)
            {
                outDirectory = args[++i];
            }
            else
            {
                error.WriteLine($"teams-icons: unknown or incomplete option '{args[i]}'. Usage: teams-icons [--out DIR]");
                return 2;
            }
        }

        outDirectory ??= ManifestsFolder.Find();
        if (outDirectory is null)
        {
            error.WriteLine($"teams-icons: no manifests/ folder found from {Directory.GetCurrentDirectory()} upwards; run it in the repo or pass --out DIR.");
            return 2;
        }

        Directory.CreateDirectory(outDirectory);
        var colorPath = Path.Combine(outDirectory, ColorFile);
        var outlinePath = Path.Combine(outDirectory, OutlineFile);
        File.WriteAllBytes(colorPath, PngEncoder.Encode(TeamsIconPainter.PaintColor()));
        File.WriteAllBytes(outlinePath, PngEncoder.Encode(TeamsIconPainter.PaintOutline()));
        output.WriteLine($"Wrote {colorPath} ({TeamsIconPainter.ColorSize}×{TeamsIconPainter.ColorSize})");
        output.WriteLine($"Wrote {outlinePath} ({TeamsIconPainter.OutlineSize}×{TeamsIconPainter.OutlineSize}, white on transparent)");
        return 0;
    }
}

/// <summary>The repo's manifests/ folder, looked for from the working directory upwards.</summary>
internal static class ManifestsFolder
{
    public const string TemplateFile = "manifest.template.json";

    public static string? Find()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "manifests");
            if (File.Exists(Path.Combine(candidate, TemplateFile)))
            {
                return candidate;
            }
        }

        return null;
    }
}
