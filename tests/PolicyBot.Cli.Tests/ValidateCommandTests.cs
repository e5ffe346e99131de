using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "policybot-validate-" + Guid.NewGuid().ToString("N"));

    public ValidateCommandTests()
    {
        Directory.CreateDirectory(_copy);
        foreach (var file in Directory.GetFiles(RepoPaths.Knowledge))
        {
            File.Copy(file, Path.Combine(_copy, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private static (int Code, string Output, string Error) Validate(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["validate", .. args], TextReader.Null, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void The_real_knowledge_base_is_valid_and_keyword_clashes_are_reported_as_warnings()
    {
        var (code, output, error) = Validate(RepoPaths.Knowledge);

        Assert.Equal(0, code);
        Assert.Contains("OK — 7 topics", output, StringComparison.Ordinal);
        Assert.Matches(@"43 nodes, [0-9]+ glossary entries", output);
        Assert.Contains("warning: keywords:", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public void A_broken_file_gives_file_line_errors_and_a_non_zero_exit()
    {
        var path = Path.Combine(_copy, "women-peace-security.yaml");
        var lines = File.ReadAllLines(path).ToList();
        var orderLine = lines.FindIndex(l => l.StartsWith("order:", StringComparison.Ordinal));
        lines[orderLine] = "order: first";
        File.WriteAllLines(path, lines);

        var (code, _, error) = Validate(_copy);

        Assert.Equal(1, code);
        Assert.Contains($"women-peace-security.yaml:{orderLine + 1}: error: order:", error, StringComparison.Ordinal);
        Assert.Contains("last good content", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_without_its_french_is_an_error_with_file_and_line()
    {
        var path = Path.Combine(_copy, "women-peace-security.yaml");
        var lines = File.ReadAllLines(path).ToList();
        var titleLine = lines.FindIndex(l => l.StartsWith("title:", StringComparison.Ordinal));
        lines[titleLine] = "title: { en: \"Women, Peace and Security\" }";
        File.WriteAllLines(path, lines);

        var (code, _, error) = Validate(_copy);

        Assert.Equal(1, code);
        Assert.Contains($"women-peace-security.yaml:{titleLine + 1}: error: title: has an English text but no French one (fr:)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_missing_from_the_index_and_a_duplicate_id_are_errors()
    {
        File.Copy(Path.Combine(_copy, "human-security.yaml"), Path.Combine(_copy, "human-security-copy.yaml"));

        var (code, _, error) = Validate(_copy);

        Assert.Equal(1, code);
        Assert.Contains("human-security-copy.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_are_listed_with_file_and_line_only_when_asked()
    {
        var (code, output, error) = Validate("--notes", RepoPaths.Knowledge);
        var (_, plain, _) = Validate(RepoPaths.Knowledge);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Matches(@"(?m)^protection-of-civilians\.yaml:\d+: note: obligations\[0\]\.note: .*9pdf", output);
        Assert.DoesNotContain(": note: ", plain, StringComparison.Ordinal);
        Assert.Contains("(list them with --notes)", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Research_wording_on_a_card_is_refused_with_file_and_line()
    {
        var path = Path.Combine(_copy, "human-security.yaml");
        var lines = File.ReadAllLines(path).ToList();
        var statusLine = lines.FindIndex(l => l.StartsWith("status:", StringComparison.Ordinal)) + 1;
        Assert.StartsWith("  en: ", lines[statusLine], StringComparison.Ordinal);
        lines[statusLine] = "  en: \"HSAGP, Madrid 2022 (paragraphs 5 onward not visible to us)\"";
        File.WriteAllLines(path, lines);

        var (code, _, error) = Validate(_copy);

        Assert.Equal(1, code);
        Assert.Contains($"human-security.yaml:{statusLine + 1}: error: status.en: “visible to us” is about our research", error, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_folder_is_a_usage_error()
    {
        Assert.Equal(2, Validate("a", "b").Code);
        Assert.Equal(2, Validate("--note", "a").Code);
    }
}
