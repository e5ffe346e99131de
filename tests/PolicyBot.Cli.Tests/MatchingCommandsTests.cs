using System.Text.Json;
using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests;

public sealed class MatchingCommandsTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "policybot-cli-" + Guid.NewGuid().ToString("N"));

    public MatchingCommandsTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static (int Code, string Output, string Error) Run(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run([.. args, "--knowledge", RepoPaths.Knowledge], new StringReader(input), output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Ask_json_writes_one_object_per_input_line_in_order()
    {
        var (code, output, _) = Run("What is PoC?\nWho does the CRSV policy apply to?\nprotection\nHow do I reset my password?\n\n", "ask", "--json");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal(["What is PoC?", "Who does the CRSV policy apply to?", "protection", "How do I reset my password?", ""], lines.Select(l => l.GetProperty("question").GetString()));
        Assert.Equal(["answer", "answer", "disambiguate", "fallback", "fallback"], lines.Select(l => l.GetProperty("outcome").GetString()));

        var answer = lines[1];
        Assert.Equal("conflict-related-sexual-violence", answer.GetProperty("topic").GetString());
        Assert.Equal("conflict-related-sexual-violence.scope", answer.GetProperty("node").GetString());
        Assert.Equal(JsonValueKind.Number, answer.GetProperty("score").ValueKind);
        Assert.Contains("crsv", answer.GetProperty("matched").EnumerateArray().Select(m => m.GetString()));

        var choice = lines[2];
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("topic").ValueKind);
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("node").ValueKind);
        Assert.Equal(["protection-of-civilians", "cultural-property-protection"], choice.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));

        var fallback = lines[3];
        Assert.Equal(JsonValueKind.Null, fallback.GetProperty("topic").ValueKind);
        Assert.Empty(fallback.GetProperty("candidates").EnumerateArray());
        Assert.Empty(fallback.GetProperty("matched").EnumerateArray());
    }

    [Fact]
    public void Ask_json_lists_the_runners_up_of_an_answer()
    {
        var (_, output, _) = Run("protection of civilians near a museum\n", "ask", "--json");

        var line = JsonDocument.Parse(output).RootElement;
        Assert.Equal("protection-of-civilians", line.GetProperty("topic").GetString());
        Assert.Equal(["cultural-property-protection"], line.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void Ask_explains_a_match_for_people()
    {
        var (code, output, _) = Run(string.Empty, "ask", "who", "does", "the", "PoC", "policy", "apply", "to?");

        Assert.Equal(0, code);
        Assert.Contains("question:   who does the PoC policy apply to?", output, StringComparison.Ordinal);
        Assert.Contains("(protection-of-civilians.scope)", output, StringComparison.Ordinal);
        Assert.Contains("asks for:   Who does it apply to? (scope)", output, StringComparison.Ordinal);
        Assert.Contains("matched:    \"poc\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("ask", "--json", "extra question")]
    [InlineData("ask", "--bogus", "x")]
    public void Ask_refuses_unclear_arguments(params string[] args)
    {
        var (code, _, error) = Run(string.Empty, args);

        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_knowledge_folder_that_does_not_load_is_reported()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(["ask", "what is PoC", "--knowledge", _temp], TextReader.Null, output, error);

        Assert.Equal(1, code);
        Assert.Contains("does not load", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_prints_accuracy_per_label_and_every_miss()
    {
        var file = Path.Combine(_temp, "set.jsonl");
        File.WriteAllLines(file,
        [
            """{"q": "What is PoC?", "topic": "protection-of-civilians"}""",
            """{"q": "What is CAAC?", "topic": "women-peace-security"}""",
            """{"q": "How do I reset my password?", "topic": "none"}""",
            """{"q": "protection", "topic": "ambiguous", "any": ["protection-of-civilians", "cultural-property-protection"]}""",
        ]);

        var (code, output, _) = Run(string.Empty, "eval", file);

        Assert.Equal(0, code);
        Assert.Matches(@"protection-of-civilians\s+1/1\s+100\.0%", output);
        Assert.Matches(@"women-peace-security\s+0/1\s+0\.0%", output);
        Assert.Matches(@"none\s+1/1\s+100\.0%", output);
        Assert.Matches(@"ambiguous\s+1/1\s+100\.0%", output);
        Assert.Contains("1 miss(es):", output, StringComparison.Ordinal);
        Assert.Contains("line 2: expected women-peace-security; got answer children-armed-conflict", output, StringComparison.Ordinal);
        Assert.Contains("What is CAAC?", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_scores_the_shared_dev_set()
    {
        var (code, output, error) = Run(string.Empty, "eval", RepoPaths.SharedFile("eval", "questions.dev.jsonl"));

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("140 questions", output, StringComparison.Ordinal);
        Assert.Contains("in scope, right topic answered", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"q": "x", "topic": "no-such-topic"}""", "line 2: 'no-such-topic' is not a topic id")]
    [InlineData("""{"q": "x"}""", "line 2: expected an object with string fields")]
    [InlineData("""{"q": "x", "topic": "ambiguous", "any": ["human-security"]}""", "line 2: an \"ambiguous\" line needs \"any\"")]
    [InlineData("not json", "line 2: not valid JSON")]
    public void Eval_names_the_bad_line_and_exits_non_zero(string badLine, string message)
    {
        var file = Path.Combine(_temp, "bad.jsonl");
        File.WriteAllLines(file, ["""{"q": "What is PoC?", "topic": "protection-of-civilians"}""", badLine]);

        var (code, output, error) = Run(string.Empty, "eval", file);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Eval_of_a_missing_file_exits_non_zero()
    {
        var (code, _, error) = Run(string.Empty, "eval", Path.Combine(_temp, "missing.jsonl"));

        Assert.Equal(2, code);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_json_says_which_language_each_question_was_matched_in()
    {
        var (code, output, _) = Run("What is PoC?\nla politique PoC, à qui s'applique-t-elle ?\nPoC\n", "ask", "--json", "--keywords-only");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["en", "fr", "en"], lines.Select(l => l.GetProperty("language").GetString()));
        Assert.Equal("protection-of-civilians", lines[1].GetProperty("topic").GetString());
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Ask_lang_matches_every_question_in_the_language_given(string language)
    {
        var (_, output, _) = Run("What is PoC?\nla politique PoC\n", "ask", "--json", "--keywords-only", "--lang", language);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines, l => Assert.Equal(language, l.GetProperty("language").GetString()));
    }

    [Fact]
    public void Ask_explains_which_language_it_matched_in()
    {
        var (_, detected, _) = Run(string.Empty, "ask", "--keywords-only", "la", "politique", "PoC", "s'applique-t-elle", "aux", "pays", "partenaires", "?");
        var given = Run(string.Empty, "ask", "--keywords-only", "--lang", "en", "la", "politique", "PoC").Output;

        Assert.Contains("language:   fr (detected)", detected, StringComparison.Ordinal);
        Assert.Contains("language:   en (given)", given, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--lang", "de")]
    [InlineData("--lang")]
    public void An_unknown_language_is_refused(params string[] args)
    {
        var (code, _, error) = Run(string.Empty, ["ask", .. args, "what is PoC"]);

        Assert.Equal(2, code);
        Assert.Contains("--lang needs one of: en, fr, auto", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_detects_each_lines_language_and_prints_figures_per_language()
    {
        var file = Path.Combine(_temp, "mixed.jsonl");
        File.WriteAllLines(file,
        [
            """{"q": "What is PoC?", "topic": "protection-of-civilians"}""",
            """{"q": "Who does the CRSV policy apply to?", "topic": "conflict-related-sexual-violence"}""",
            """{"q": "la politique PoC, à qui s'applique-t-elle ?", "topic": "protection-of-civilians"}""",
            """{"q": "PoC", "topic": "protection-of-civilians", "lang": "fr"}""",
        ]);

        var (code, output, _) = Run(string.Empty, "eval", file, "--keywords-only");

        Assert.Equal(0, code);
        Assert.Matches(@"language en:\s+2 questions; in scope 100\.0%", output);
        Assert.Matches(@"language fr:\s+2 questions; in scope 100\.0%", output);
    }

    [Fact]
    public void Eval_lang_sets_the_language_of_lines_without_their_own()
    {
        var file = Path.Combine(_temp, "lang.jsonl");
        File.WriteAllLines(file,
        [
            """{"q": "What is PoC?", "topic": "protection-of-civilians"}""",
            """{"q": "What is CAAC?", "topic": "children-armed-conflict", "lang": "en"}""",
        ]);

        var (_, output, _) = Run(string.Empty, "eval", file, "--keywords-only", "--lang", "fr");

        Assert.Matches(@"language en:\s+1 questions", output);
        Assert.Matches(@"language fr:\s+1 questions", output);
    }

    [Fact]
    public void Eval_names_a_line_with_an_unknown_language()
    {
        var file = Path.Combine(_temp, "badlang.jsonl");
        File.WriteAllLines(file, ["""{"q": "What is PoC?", "topic": "protection-of-civilians", "lang": "de"}"""]);

        var (code, _, error) = Run(string.Empty, "eval", file);

        Assert.Equal(2, code);
        Assert.Contains("line 1: \"lang\" must be one of en, fr (got \"de\")", error, StringComparison.Ordinal);
    }
}
