using System.Text.RegularExpressions;

namespace PolicyBot.LoadTest;

/// <summary>
/// The report file holds the comparison run and the soak side by side, each between its own markers, so that
/// running one replaces only its own section. Unmarked text (a report written before the markers) belongs to the
/// comparison run.
/// </summary>
internal static partial class ReportFile
{
    public const string LoadSection = "load";
    public const string SoakSection = "soak";

    public static async Task WriteSectionAsync(string path, string section, string markdown, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : string.Empty;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, Merge(existing, section, markdown), cancellationToken);
    }

    internal static string Merge(string existing, string section, string markdown)
    {
        var block = $"<!-- {section} -->\n{markdown.TrimEnd()}\n<!-- /{section} -->\n";
        var blocks = Sections().Matches(existing).ToDictionary(m => m.Groups["name"].Value, m => m.Value.TrimEnd() + "\n");
        var unmarked = Sections().Replace(existing, string.Empty).Trim();
        if (unmarked.Length > 0 && !blocks.ContainsKey(LoadSection))
        {
            blocks[LoadSection] = $"<!-- {LoadSection} -->\n{unmarked}\n<!-- /{LoadSection} -->\n";
        }

        blocks[section] = block;
        var ordered = blocks.OrderBy(b => b.Key == LoadSection ? 0 : 1).ThenBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value);
        return string.Join("\n", ordered);
    }

    [GeneratedRegex(@"<!-- (?<name>[a-z]+) -->\n.*?\n<!-- /\k<name> -->\n?", RegexOptions.Singleline)]
    private static partial Regex Sections();
}
