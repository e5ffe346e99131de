namespace PolicyBot.Core;

/// <summary>
/// The one way the bot and the CLI find what they read from disk (knowledge/, cards/, wwwroot, appsettings.json):
/// a relative path is looked for from the working directory upwards, then from the binaries' folder upwards. A
/// climb stops at the repository root (the folder with PolicyBot.sln or .git); a start outside the repository
/// (a publish folder, a container's /app) is looked at alone, never its parents. So the repo's own folder wins
/// over the copy beside the binaries, and an edit a policy officer saves in the repo is the one the bot reloads.
/// </summary>
public static class ContentFolders
{
    private static readonly string[] RepositoryMarkers = ["PolicyBot.sln", ".git"];

    /// <summary>
    /// <paramref name="path"/> itself when rooted, else the first match of <see cref="Find(string, string?)"/>,
    /// else where it was expected (the working directory's), so an error names a real path.
    /// </summary>
    /// <param name="requiredFile">A file the folder must hold to count (e.g. index.yaml); null for any folder or file of that name.</param>
    public static string Resolve(string path, string? requiredFile = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.IsPathRooted(path) ? path : Find(path, requiredFile) ?? Path.GetFullPath(path);
    }

    /// <summary>The first existing <paramref name="relativePath"/> from the working directory upwards, then from the binaries upwards; null when none.</summary>
    public static string? Find(string relativePath, string? requiredFile = null) =>
        FindFrom([Directory.GetCurrentDirectory(), AppContext.BaseDirectory], relativePath, requiredFile);

    /// <summary>As <see cref="Find(string, string?)"/>, from the given starting folders in order.</summary>
    public static string? FindFrom(IEnumerable<string> starts, string relativePath, string? requiredFile = null)
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        foreach (var start in starts)
        {
            foreach (var folder in Climb(start))
            {
                var candidate = Path.Combine(folder, relativePath);
                var found = requiredFile is null
                    ? Directory.Exists(candidate) || File.Exists(candidate)
                    : File.Exists(Path.Combine(candidate, requiredFile));
                if (found)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The repository root holding <paramref name="start"/> (the folder with PolicyBot.sln or .git), or null outside any.</summary>
    public static string? RepositoryRoot(string start)
    {
        ArgumentException.ThrowIfNullOrEmpty(start);
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (IsRepositoryRoot(directory.FullName))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary><paramref name="start"/> and its parents up to the repository root; <paramref name="start"/> alone when no repository holds it.</summary>
    private static List<string> Climb(string start)
    {
        var folders = new List<string>();
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            folders.Add(directory.FullName);
            if (IsRepositoryRoot(directory.FullName))
            {
                return folders;
            }
        }

        return [Path.GetFullPath(start)];
    }

    private static bool IsRepositoryRoot(string folder) =>
        RepositoryMarkers.Any(marker => File.Exists(Path.Combine(folder, marker)) || Directory.Exists(Path.Combine(folder, marker)));
}
