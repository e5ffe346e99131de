namespace PolicyBot.WebChat;

/// <summary>
/// Finds the page's files: the wwwroot copied beside the binaries at build and publish (so the repo root,
/// src/PolicyBot, a publish folder and the tests all serve the same files), else the project's own wwwroot.
/// </summary>
internal static class WebRootLocator
{
    public const string PageFile = "index.html";

    public static string Locate()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(besideBinaries, PageFile)))
        {
            return besideBinaries;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(directory.FullName, "wwwroot"), Path.Combine(directory.FullName, "src", "PolicyBot", "wwwroot") })
                {
                    if (File.Exists(Path.Combine(candidate, PageFile)))
                    {
                        return candidate;
                    }
                }
            }
        }

        // Not found: where it was expected, so the start-up warning names a real path.
        return besideBinaries;
    }
}
