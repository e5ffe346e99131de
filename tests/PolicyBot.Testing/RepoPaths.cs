namespace PolicyBot.Testing;

/// <summary>Where the repo's folders and the project's shared folder (../shared beside the clone) are.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Knowledge => Path.Combine(Root, "knowledge");

    public static string Cards => Path.Combine(Root, "cards");

    public static string Manifests => Path.Combine(Root, "manifests");

    /// <summary>The shared folder: POLICYBOT_SHARED if set, else ../shared beside the repo.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("POLICYBOT_SHARED") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string SharedFile(params string[] parts)
    {
        var path = Path.Combine([Shared, .. parts]);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The shared file {path} is missing: the tests expect the project's shared/ folder beside the repo (or POLICYBOT_SHARED).", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PolicyBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PolicyBot.sln not found above " + AppContext.BaseDirectory);
    }
}
