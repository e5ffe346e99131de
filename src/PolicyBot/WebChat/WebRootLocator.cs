using PolicyBot.Core;

namespace PolicyBot.WebChat;

/// <summary>
/// Finds the page's files: the wwwroot copied beside the binaries at build and publish (so the repo root,
/// src/PolicyBot, a publish folder and the tests all serve the same files), else the project's own wwwroot in
/// the repository (<see cref="ContentFolders"/>).
/// </summary>
internal static class WebRootLocator
{
    public const string PageFile = "index.html";

    public static string Locate()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return File.Exists(Path.Combine(besideBinaries, PageFile))
            ? besideBinaries
            : ContentFolders.Find(Path.Combine("src", "PolicyBot", "wwwroot"), PageFile) ?? besideBinaries; // not found: where it was expected, so the start-up warning names a real path
    }
}
