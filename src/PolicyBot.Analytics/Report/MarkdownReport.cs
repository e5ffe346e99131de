using System.Globalization;
using System.Text;

namespace PolicyBot.Analytics.Report;

/// <summary>The report as Markdown: for a wiki page, a ticket, or a look in the terminal.</summary>
public static class MarkdownReport
{
    public static string Render(ContentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line("# PolicyBot content report");
        Line();
        Line($"{ReportFormats.Date(report.Since)} to {ReportFormats.Date(report.Until)}. {Count(report.Questions, "question")} typed in {Count(report.Conversations, "conversation")} ({report.Turns.ToString("N0", CultureInfo.InvariantCulture)} turns with clicks and commands). Read from {report.Store}; content version {report.ContentVersion}.");
        Line();
        Line("## How questions ended");
        Line();
        Line("| outcome | questions | share |");
        Line("|---|---:|---:|");
        foreach (var outcome in report.Outcomes)
        {
            Line($"| {OutcomeLabel(outcome.Name)} | {outcome.Count} | {ReportFormats.Percent(outcome.Share)} |");
        }

        Line();
        Line("## Questions per day");
        Line();
        Line("| day | questions |");
        Line("|---|---:|");
        foreach (var day in report.QuestionsPerDay)
        {
            Line($"| {ReportFormats.Day(day.Day)} | {day.Count} |");
        }

        Line();
        Line("## Questions per channel");
        Line();
        Line("| channel | questions | share |");
        Line("|---|---:|---:|");
        foreach (var channel in report.QuestionsPerChannel)
        {
            Line($"| {Cell(ChannelLabel(channel.Name))} | {channel.Count} | {ReportFormats.Percent(channel.Share)} |");
        }

        Line();
        Line($"## Unanswered questions, grouped by {report.Grouping}");
        Line();
        if (report.Unanswered.Count == 0)
        {
            Line("None kept in this period.");
        }

        if (report.UnansweredWithoutText > 0)
        {
            Line($"{Count(report.UnansweredWithoutText, "unanswered question")} kept without its text (Privacy:KeepUnansweredText was off).");
        }

        var number = 0;
        foreach (var group in report.Unanswered)
        {
            number++;
            if (number > 1 || report.UnansweredWithoutText > 0)
            {
                Line();
            }

            var home = group.LikelyNode is { } node
                ? $"most likely **{node.Title}** (`{node.Id}`{(group.Closeness is { } c ? $", closeness {c.ToString("0.00", CultureInfo.InvariantCulture)}" : string.Empty)})"
                : "no close topic";
            Line($"### {number}. {Count(group.Count, "question")}, {home}");
            Line();
            foreach (var phrasing in group.Phrasings)
            {
                Line($"- {Escape(phrasing.Text)}{(phrasing.Count > 1 ? $" (×{phrasing.Count})" : string.Empty)}");
            }

            Line();
            Line("```yaml");
            md.Append(group.Snippet);
            Line("```");
        }

        Line();
        Line("## 👍 / 👎 per answer");
        Line();
        if (report.Feedback.Count == 0)
        {
            Line("No feedback in this period.");
        }
        else
        {
            Line("| answer | 👍 | 👎 | notes |");
            Line("|---|---:|---:|---:|");
            foreach (var node in report.Feedback)
            {
                Line($"| {Cell(node.Node.Title)} (`{node.Node.Id}`) | {node.Up} | {node.Down} | {node.Comments.Count} |");
            }

            foreach (var node in report.Feedback.Where(n => n.Comments.Count > 0 || n.DownQuestions.Count > 0))
            {
                Line();
                Line($"**{Escape(node.Node.Title)}** (`{node.Node.Id}`)");
                Line();
                foreach (var comment in node.Comments)
                {
                    Line($"- “{Escape(comment.Text)}”{(comment.Question is { } q ? $" — asked: {Escape(q)}" : string.Empty)}");
                }

                foreach (var question in node.DownQuestions)
                {
                    Line($"- 👎 after: {Escape(question)}");
                }
            }
        }

        Line();
        Line("## Never reached");
        Line();
        if (report.NeverReached.Count == 0)
        {
            Line("Every topic and sub-question was shown at least once.");
        }
        else
        {
            Line($"{Count(report.NeverReached.Count, "topic or sub-question", "topics and sub-questions")} no answer showed in this period:");
            Line();
            foreach (var node in report.NeverReached)
            {
                Line($"- {Escape(node.Title)} (`{node.Id}`)");
            }
        }

        return md.ToString();
    }

    internal static string OutcomeLabel(string outcome) => outcome switch
    {
        Outcomes.Answer => "answered",
        Outcomes.Disambiguation => "asked which topic was meant",
        Outcomes.Suggestions => "no answer, closest topics suggested",
        Outcomes.Fallback => "no answer",
        _ => outcome,
    };

    internal static string ChannelLabel(string channel) => channel switch
    {
        "msteams" => "Teams",
        "webchat" or "directline" => "web chat (" + channel + ")",
        "emulator" => "Bot Framework Emulator",
        _ => channel,
    };

    private static string Count(int count, string singular, string? plural = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");

    /// <summary>What users typed shows as typed: Markdown's special characters are escaped.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("\\`*_{}[]()<>#+-!|~".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return escaped.ToString();
    }

    private static string Cell(string text) => Escape(text);
}
