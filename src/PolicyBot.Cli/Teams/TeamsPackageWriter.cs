using System.IO.Compression;
using System.Text;

namespace PolicyBot.Cli.Teams;

/// <summary>
/// Writes the Teams app package: manifest.json, its language files (fr.json, ...), color.png and outline.png at the
/// zip's root, nothing else.
/// </summary>
internal static class TeamsPackageWriter
{
    public const string ManifestEntry = "manifest.json";

    // A fixed time, so the same settings give the same bytes.
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(string zipPath, string manifestJson, IReadOnlyList<(string Name, string Json)> languageFiles, byte[] colorPng, byte[] outlinePng)
    {
        var fullPath = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);

        // Written beside the target, then moved: a failure never leaves half a package under the requested name.
        var partial = fullPath + ".partial";
        using (var file = File.Create(partial))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            Add(zip, ManifestEntry, utf8.GetBytes(manifestJson));
            foreach (var (name, json) in languageFiles)
            {
                Add(zip, name, utf8.GetBytes(json));
            }

            Add(zip, TeamsAppResources.ColorFile, colorPng);
            Add(zip, TeamsAppResources.OutlineFile, outlinePng);
        }

        File.Move(partial, fullPath, overwrite: true);
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(content);
    }
}
