namespace PolicyBot.Infrastructure;

/// <summary>
/// Finds a content folder (knowledge/, cards/) whether the bot was started from the repo root, from
/// src/PolicyBot, or from a publish folder. The repo's own folder wins over the copy beside the binaries, so
/// that an edit a policy officer saves in the repo is the one the running bot reloads.
/// </summary>
internal static class ContentPathResolver
{
    private const int MaxLevelsUp = 6;

    public static string Resolve(string configuredPath)
    {
        if (Path.IsPathRooted(configuredPath))
        {
            return configuredPath;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var directory = new DirectoryInfo(start);
            for (var level = 0; directory is not null && level <= MaxLevelsUp; level++, directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, configuredPath);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        // Not found: return where it was expected, so the error names a real path.
        return Path.GetFullPath(configuredPath);
    }
}
