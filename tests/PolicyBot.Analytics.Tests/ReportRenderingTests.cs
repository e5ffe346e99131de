using System.Text.RegularExpressions;
using PolicyBot.Analytics.Report;

namespace PolicyBot.Analytics.Tests;

/// <summary>The four formats: the same numbers, what users typed shown as text, the HTML self-contained.</summary>
public sealed partial class ReportRenderingTests
{
    private static ContentReport Report(string? hostile = null)
    {
        var log = ContentReportTests.GeneratedLog();
        if (hostile is not null)
        {
            log = log with { Answers = [.. log.Answers, TestEvents.Answer(TestEvents.Monday.AddHours(5), Outcomes.Fallback, question: hostile)] };
        }

        return ContentReportBuilder.Build(log, TestEvents.Knowledge, new WordOverlapGrouper(), TestEvents.Monday.AddDays(-1), TestEvents.Monday.AddDays(7), TestEvents.Monday.AddDays(7), "SQLite test.db");
    }

    [Fact]
    public void The_html_is_one_file_with_inline_svg_charts_and_nothing_loaded_from_anywhere()
    {
        var html = HtmlReport.Render(Report());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(html, "<svg "));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(SrcOrHref().Matches(html));
        Assert.Contains("Unanswered questions, grouped by word overlap", html, StringComparison.Ordinal);
        Assert.Contains("examples:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void What_users_typed_is_shown_as_text_in_every_format()
    {
        const string hostile = "<img src=x onerror=alert(1)> **bold** =HYPERLINK(\"x\")";
        var report = Report(hostile);

        var html = HtmlReport.Render(report);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);

        var markdown = MarkdownReport.Render(report);
        Assert.Contains("\\<img src=x onerror=alert\\(1\\)\\> \\*\\*bold\\*\\*", markdown, StringComparison.Ordinal);

        var csv = CsvReport.Render(report);
        Assert.Contains("\"<img src=x onerror=alert(1)> **bold** =HYPERLINK(\"\"x\"\") | likely node: none\"", csv, StringComparison.Ordinal);

        Assert.Contains("\\\"x\\\"", Assert.Single(report.Unanswered, g => g.Phrasings.Any(p => p.Text == hostile)).Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_cell_a_spreadsheet_would_run_as_a_formula_stays_text()
    {
        var csv = CsvReport.Render(Report("=1+2"));

        Assert.Contains("'=1+2 | likely node: none", csv, StringComparison.Ordinal);
        Assert.StartsWith(CsvReport.Header + "\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_csv_and_json_carry_the_same_numbers()
    {
        var report = Report();

        var markdown = MarkdownReport.Render(report);
        Assert.Contains("| answered | 11 | 55% |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Mon 2 Nov 2026 | 10 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Teams | 10 | 50% |", markdown, StringComparison.Ordinal);

        var csv = CsvReport.Render(report);
        Assert.Contains("outcome,fallback,3,0.15,no answer\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("questions per day,2026-11-03,7,,\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("feedback down,protection-of-civilians.scope,2,,", csv, StringComparison.Ordinal);

        var parsed = JsonReport.Parse(JsonReport.Render(report))!;
        Assert.Equal(report.Questions, parsed.Questions);
        Assert.Equal(report.QuestionsPerDay, parsed.QuestionsPerDay);
        Assert.Equal(report.Outcomes, parsed.Outcomes);
        Assert.Equal(report.Unanswered.Select(g => g.Snippet), parsed.Unanswered.Select(g => g.Snippet));
    }

    [GeneratedRegex("""(src|href)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex SrcOrHref();
}
