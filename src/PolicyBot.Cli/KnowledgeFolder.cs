namespace PolicyBot.Cli;

/// <summary>Finds the knowledge folder: the one named, else ./knowledge from the working directory upwards.</summary>
internal static class KnowledgeFolder
{
    public static string Find(string? named)
    {
        if (!string.IsNullOrEmpty(named))
        {
            return Path.GetFullPath(named);
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "knowledge");
            if (File.Exists(Path.Combine(candidate, "index.yaml")))
            {
                return candidate;
            }
        }

        return Path.GetFullPath("knowledge");
    }
}
