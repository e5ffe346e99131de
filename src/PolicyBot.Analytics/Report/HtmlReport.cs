using System.Globalization;
using System.Net;
using System.Text;

namespace PolicyBot.Analytics.Report;

/// <summary>
/// The report as one self-contained HTML file for policy officers: inline CSS and SVG charts, no script, no font or
/// image from anywhere, so it opens from a mail attachment or a shared folder as it is. Everything users typed is
/// HTML-encoded.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, string> OutcomeColours = new(StringComparer.Ordinal)
    {
        [Outcomes.Answer] = "#1b7f4b",
        [Outcomes.Disambiguation] = "#2b6cb0",
        [Outcomes.Suggestions] = "#c27c0e",
        [Outcomes.Fallback] = "#b83232",
    };

    public static string Render(ContentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>PolicyBot content report, ").Append(E(ReportFormats.Date(report.Since))).Append(" to ").Append(E(ReportFormats.Date(report.Until))).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");

        html.Append("<header><h1>PolicyBot content report</h1><p class=\"period\">")
            .Append(E(ReportFormats.Date(report.Since))).Append(" to ").Append(E(ReportFormats.Date(report.Until)))
            .Append("</p><p class=\"source\">Read from ").Append(E(report.Store)).Append(" · content version ").Append(E(report.ContentVersion))
            .Append(" · made ").Append(E(ReportFormats.Date(report.Generated))).Append("</p></header>\n");

        var answered = report.Outcomes.FirstOrDefault(o => o.Name == Outcomes.Answer)?.Share ?? 0;
        var unanswered = report.Outcomes.Where(o => Outcomes.KeepsQuestion(o.Name)).Sum(o => o.Count);
        html.Append("<section class=\"tiles\">")
            .Append(Tile(report.Questions.ToString("N0", Invariant), "questions typed"))
            .Append(Tile(report.Conversations.ToString("N0", Invariant), "conversations"))
            .Append(Tile(ReportFormats.Percent(answered), "answered"))
            .Append(Tile(unanswered.ToString("N0", Invariant), "not answered"))
            .Append(Tile(report.Feedback.Sum(f => f.Down).ToString("N0", Invariant), "👎 on answers"))
            .Append("</section>\n");

        html.Append("<section><h2>How questions ended</h2>").Append(OutcomeBar(report)).Append("</section>\n");
        html.Append("<section class=\"two\"><div><h2>Questions per day</h2>").Append(DayChart(report.QuestionsPerDay)).Append("</div>")
            .Append("<div><h2>Questions per channel</h2>").Append(ChannelChart(report.QuestionsPerChannel)).Append("</div></section>\n");

        html.Append("<section><h2>Unanswered questions, grouped by ").Append(E(report.Grouping)).Append("</h2>")
            .Append("<p class=\"hint\">Each group is one question asked in several ways. Paste its YAML into the node named, in <code>knowledge/</code>, so the bot answers it next time; check with <code>validate</code>.</p>");
        if (report.UnansweredWithoutText > 0)
        {
            html.Append("<p class=\"hint\">").Append(report.UnansweredWithoutText.ToString("N0", Invariant)).Append(" more were kept without their text (Privacy:KeepUnansweredText was off).</p>");
        }

        if (report.Unanswered.Count == 0)
        {
            html.Append("<p>None kept in this period.</p>");
        }

        var number = 0;
        foreach (var group in report.Unanswered)
        {
            number++;
            html.Append("<article class=\"group\"><h3><span class=\"count\">").Append(group.Count.ToString("N0", Invariant)).Append("×</span> ")
                .Append(group.LikelyNode is { } node
                    ? $"most likely <strong>{E(node.Title)}</strong> <code>{E(node.Id)}</code>"
                    : "no close topic")
                .Append(group.Closeness is { } closeness ? $" <span class=\"subtle\">closeness {closeness.ToString("0.00", Invariant)}</span>" : string.Empty)
                .Append(group.Language != "en" ? $" <span class=\"tag\">{E(group.Language)}</span>" : string.Empty)
                .Append("</h3><ul>");
            foreach (var phrasing in group.Phrasings)
            {
                html.Append("<li>").Append(E(phrasing.Text)).Append(phrasing.Count > 1 ? $" <span class=\"subtle\">×{phrasing.Count}</span>" : string.Empty).Append("</li>");
            }

            html.Append("</ul><details").Append(number <= 3 ? " open" : string.Empty).Append("><summary>YAML to paste</summary><pre>")
                .Append(E(group.Snippet)).Append("</pre></details></article>\n");
        }

        html.Append("</section>\n<section><h2>👍 / 👎 per answer</h2>");
        if (report.Feedback.Count == 0)
        {
            html.Append("<p>No feedback in this period.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th>answer</th><th class=\"num\">👍</th><th class=\"num\">👎</th><th>what was missing, and the question answered</th></tr></thead><tbody>");
            foreach (var node in report.Feedback)
            {
                html.Append("<tr><td>").Append(E(node.Node.Title)).Append("<br><code>").Append(E(node.Node.Id)).Append("</code></td><td class=\"num\">")
                    .Append(node.Up).Append("</td><td class=\"num").Append(node.Down > node.Up ? " bad" : string.Empty).Append("\">").Append(node.Down).Append("</td><td>");
                foreach (var comment in node.Comments)
                {
                    html.Append("<p class=\"note\">“").Append(E(comment.Text)).Append('”')
                        .Append(comment.Question is { } q ? $"<br><span class=\"subtle\">asked: {E(q)}</span>" : string.Empty).Append("</p>");
                }

                foreach (var question in node.DownQuestions)
                {
                    html.Append("<p class=\"subtle\">👎 after: ").Append(E(question)).Append("</p>");
                }

                html.Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section>\n<section><h2>Never reached</h2>");
        if (report.NeverReached.Count == 0)
        {
            html.Append("<p>Every topic and sub-question was shown at least once.</p>");
        }
        else
        {
            html.Append("<p class=\"hint\">No answer showed these in the period: check that their keywords and examples are what staff say.</p><ul class=\"columns\">");
            foreach (var node in report.NeverReached)
            {
                html.Append("<li>").Append(E(node.Title)).Append(" <code>").Append(E(node.Id)).Append("</code></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>\n<footer>Questions are kept only for fallbacks, suggestions and 👎, with e-mail addresses, phone numbers, long numbers and links with parameters removed; conversations are one-way hashes. Events older than Privacy:RetentionDays are deleted.</footer>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Tile(string value, string label) =>
        $"<div class=\"tile\"><div class=\"value\">{E(value)}</div><div class=\"label\">{E(label)}</div></div>";

    /// <summary>One bar, each outcome's share a segment, with a legend that says the numbers.</summary>
    private static string OutcomeBar(ContentReport report)
    {
        const double width = 900;
        var svg = new StringBuilder($"<svg class=\"chart\" viewBox=\"0 0 {width} 44\" role=\"img\" aria-label=\"Share of questions per outcome\">");
        var x = 0.0;
        foreach (var outcome in report.Outcomes.Where(o => o.Count > 0))
        {
            var w = outcome.Share * width;
            svg.Append(Invariant, $"<rect x=\"{x:0.#}\" y=\"4\" width=\"{w:0.#}\" height=\"36\" fill=\"{OutcomeColours.GetValueOrDefault(outcome.Name, "#777")}\"><title>{E(MarkdownReport.OutcomeLabel(outcome.Name))}: {outcome.Count}</title></rect>");
            if (w > 44)
            {
                svg.Append(Invariant, $"<text x=\"{x + w / 2:0.#}\" y=\"28\" text-anchor=\"middle\" class=\"on-bar\">{ReportFormats.Percent(outcome.Share)}</text>");
            }

            x += w;
        }

        if (report.Questions == 0)
        {
            svg.Append("<rect x=\"0\" y=\"4\" width=\"900\" height=\"36\" fill=\"#e3e7ed\"/>");
        }

        svg.Append("</svg><ul class=\"legend\">");
        foreach (var outcome in report.Outcomes)
        {
            svg.Append("<li><span class=\"swatch\" style=\"background:").Append(OutcomeColours.GetValueOrDefault(outcome.Name, "#777")).Append("\"></span>")
                .Append(E(MarkdownReport.OutcomeLabel(outcome.Name))).Append(": <strong>").Append(outcome.Count.ToString("N0", Invariant)).Append("</strong> (")
                .Append(ReportFormats.Percent(outcome.Share)).Append(")</li>");
        }

        return svg.Append("</ul>").ToString();
    }

    private static string DayChart(IReadOnlyList<DayCount> days)
    {
        if (days.Count == 0)
        {
            return "<p>No questions in this period.</p>";
        }

        const double width = 440, height = 180, bottom = 24, left = 28;
        var max = Math.Max(1, days.Max(d => d.Count));
        var slot = (width - left) / days.Count;
        var labelEvery = (int)Math.Ceiling(days.Count / 8.0);
        var svg = new StringBuilder(string.Create(Invariant, $"<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Questions per day\">"));
        svg.Append(Invariant, $"<text x=\"0\" y=\"12\" class=\"axis\">{max}</text><line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width}\" y2=\"{height - bottom}\" class=\"base\"/>");
        for (var i = 0; i < days.Count; i++)
        {
            var h = (height - bottom - 8) * days[i].Count / max;
            var x = left + i * slot;
            svg.Append(Invariant, $"<rect x=\"{x + slot * 0.15:0.#}\" y=\"{height - bottom - h:0.#}\" width=\"{Math.Max(1, slot * 0.7):0.#}\" height=\"{h:0.#}\" fill=\"#2b6cb0\"><title>{E(ReportFormats.Day(days[i].Day))}: {days[i].Count}</title></rect>");
            if (i % labelEvery == 0)
            {
                svg.Append(Invariant, $"<text x=\"{x + slot / 2:0.#}\" y=\"{height - 6}\" text-anchor=\"middle\" class=\"axis\">{days[i].Day.ToString("d MMM", Invariant)}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    private static string ChannelChart(IReadOnlyList<ShareCount> channels)
    {
        if (channels.Count == 0)
        {
            return "<p>No questions in this period.</p>";
        }

        const double width = 440, row = 30, label = 170;
        var max = Math.Max(1, channels.Max(c => c.Count));
        var svg = new StringBuilder(string.Create(Invariant, $"<svg class=\"chart\" viewBox=\"0 0 {width} {row * channels.Count + 4}\" role=\"img\" aria-label=\"Questions per channel\">"));
        for (var i = 0; i < channels.Count; i++)
        {
            // Room right of the longest bar for its "142 (56%)".
            var w = (width - label - 90) * channels[i].Count / max;
            var y = i * row + 4;
            svg.Append(Invariant, $"<text x=\"0\" y=\"{y + 17}\" class=\"axis\">{E(MarkdownReport.ChannelLabel(channels[i].Name))}</text>")
                .Append(Invariant, $"<rect x=\"{label}\" y=\"{y}\" width=\"{Math.Max(1, w):0.#}\" height=\"22\" fill=\"#1b7f4b\"/>")
                .Append(Invariant, $"<text x=\"{label + w + 6:0.#}\" y=\"{y + 16}\" class=\"axis\">{channels[i].Count} ({ReportFormats.Percent(channels[i].Share)})</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f3f5f8; color: #1d2430; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 28px 40px; background: #fff; }
        header h1 { margin: 0; font-size: 26px; color: #0b2a4a; }
        .period { margin: 2px 0 0; font-size: 17px; }
        .source, .subtle, .hint, footer { color: #5a6472; font-size: 13px; }
        h2 { font-size: 19px; color: #0b2a4a; margin: 28px 0 8px; border-bottom: 2px solid #e3e7ed; padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 0 0 6px; font-weight: 600; }
        .tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin-top: 18px; }
        .tile { background: #f3f6fa; border: 1px solid #dfe5ee; border-radius: 8px; padding: 10px 12px; }
        .tile .value { font-size: 26px; font-weight: 700; color: #0b2a4a; }
        .tile .label { font-size: 13px; color: #5a6472; }
        .two { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
        .chart { width: 100%; height: auto; display: block; }
        .chart .axis { font-size: 12px; fill: #5a6472; }
        .chart .on-bar { font-size: 14px; fill: #fff; font-weight: 700; }
        .chart .base { stroke: #c5ccd6; }
        .legend { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 14px; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
        .group { border: 1px solid #dfe5ee; border-left: 4px solid #c27c0e; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
        .group ul { margin: 4px 0 6px; padding-left: 20px; }
        .count { display: inline-block; min-width: 32px; color: #b83232; }
        .tag { background: #e3e7ed; border-radius: 4px; padding: 0 6px; font-size: 12px; }
        details summary { cursor: pointer; color: #2b6cb0; font-size: 14px; }
        pre { background: #0f1b2b; color: #e8eef6; padding: 10px 12px; border-radius: 6px; overflow-x: auto; font-size: 13px; line-height: 1.45; }
        code { font-family: ui-monospace, "Cascadia Mono", Consolas, "Liberation Mono", monospace; font-size: 12.5px; color: #3d4857; }
        pre code, pre { font-family: ui-monospace, "Cascadia Mono", Consolas, "Liberation Mono", monospace; }
        table { width: 100%; border-collapse: collapse; font-size: 14px; }
        th, td { text-align: left; vertical-align: top; padding: 7px 8px; border-bottom: 1px solid #e3e7ed; }
        th { background: #f3f6fa; }
        .num { text-align: right; white-space: nowrap; }
        .bad { color: #b83232; font-weight: 700; }
        .note { margin: 0 0 6px; }
        .columns { columns: 2; padding-left: 20px; }
        footer { margin-top: 32px; border-top: 1px solid #e3e7ed; padding-top: 10px; }
        @media (max-width: 720px) { .tiles { grid-template-columns: repeat(2, 1fr); } .two { grid-template-columns: 1fr; } .columns { columns: 1; } }
        @media print { body { background: #fff; } main { padding: 0; } details { display: block; } }
        """;
}
