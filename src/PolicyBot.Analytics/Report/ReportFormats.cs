namespace PolicyBot.Analytics.Report;

/// <summary>The report's formats, by their --format names.</summary>
public static class ReportFormats
{
    public const string Markdown = "md";
    public const string Csv = "csv";
    public const string Html = "html";
    public const string Json = "json";

    public static IReadOnlyList<string> All { get; } = [Markdown, Csv, Html, Json];

    public static string Render(ContentReport report, string format) => format switch
    {
        Markdown => MarkdownReport.Render(report),
        Csv => CsvReport.Render(report),
        Html => HtmlReport.Render(report),
        Json => JsonReport.Render(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, $"not one of {string.Join(", ", All)}"),
    };

    internal static string Percent(double share) => share.ToString("0%", System.Globalization.CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    internal static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
