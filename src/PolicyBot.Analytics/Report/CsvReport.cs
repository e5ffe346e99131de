using System.Globalization;
using System.Text;

namespace PolicyBot.Analytics.Report;

/// <summary>
/// The report as one CSV table for a spreadsheet: a row per figure, with its section, name, count, share and
/// detail (RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with an apostrophe).
/// </summary>
public static class CsvReport
{
    public const string Header = "section,name,count,share,detail";

    public static string Render(ContentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        void Row(string section, string name, int? count, double? share, string detail) =>
            csv.Append(Cell(section)).Append(',').Append(Cell(name)).Append(',')
                .Append(count?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append(',')
                .Append(share?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty).Append(',')
                .Append(Cell(detail)).Append("\r\n");

        Row("period", "since", null, null, report.Since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Row("period", "until", null, null, report.Until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Row("totals", "questions", report.Questions, null, string.Empty);
        Row("totals", "conversations", report.Conversations, null, string.Empty);
        Row("totals", "turns", report.Turns, null, string.Empty);
        foreach (var outcome in report.Outcomes)
        {
            Row("outcome", outcome.Name, outcome.Count, outcome.Share, MarkdownReport.OutcomeLabel(outcome.Name));
        }

        foreach (var day in report.QuestionsPerDay)
        {
            Row("questions per day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Count, null, string.Empty);
        }

        foreach (var channel in report.QuestionsPerChannel)
        {
            Row("questions per channel", channel.Name, channel.Count, channel.Share, string.Empty);
        }

        var number = 0;
        foreach (var group in report.Unanswered)
        {
            number++;
            var home = group.LikelyNode?.Id ?? string.Empty;
            foreach (var phrasing in group.Phrasings)
            {
                Row("unanswered", $"group {number}", phrasing.Count, null, $"{phrasing.Text} | likely node: {(home.Length > 0 ? home : "none")}");
            }
        }

        foreach (var node in report.Feedback)
        {
            Row("feedback up", node.Node.Id, node.Up, null, node.Node.Title);
            Row("feedback down", node.Node.Id, node.Down, null, node.Node.Title);
            foreach (var comment in node.Comments)
            {
                Row("feedback note", node.Node.Id, null, null, comment.Text);
            }
        }

        foreach (var node in report.NeverReached)
        {
            Row("never reached", node.Id, null, null, node.Title);
        }

        return csv.ToString();
    }

    private static string Cell(string value)
    {
        // A spreadsheet runs a cell starting with = + - @ as a formula: what users typed must stay text.
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
