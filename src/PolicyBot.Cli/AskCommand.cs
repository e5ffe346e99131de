using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Cli;

/// <summary>
/// `ask "question"`: how one question is matched, for people. `ask --json`: one question per stdin line, one
/// JSON object per line out, in order, each judged on its own (for scripts and evaluation harnesses). Each question
/// is matched in the language --lang gives, or (auto, the default) the one detected in it as the bot does.
/// </summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        if (MatchingCommandLine.Parse(args, error) is not { } command)
        {
            return 2;
        }

        if (command.Json == (command.Positional.Count > 0))
        {
            error.WriteLine("ask takes either a question (ask \"who does the PoC policy apply to?\") or --json with questions on standard input.");
            return 2;
        }

        if (command.LoadKnowledge(error) is not { } knowledge)
        {
            return 1;
        }

        var matcher = command.CreateMatcher(knowledge, error);
        if (!command.Json)
        {
            var question = string.Join(' ', command.Positional);
            var language = command.LanguageOf(question, knowledge);
            var how = command.Language == MatchingCommandLine.AutoLanguage ? "detected" : "given";
            Describe(question, language, how, matcher.Match(question, knowledge, language), knowledge, output);
            return 0;
        }

        while (input.ReadLine() is { } line)
        {
            var language = command.LanguageOf(line, knowledge);
            output.WriteLine(ToJson(line, language, matcher.Match(line, knowledge, language)));
        }

        return 0;
    }

    internal static string ToJson(string question, string language, MatchResult result)
    {
        // For an answer the candidates are the runners-up; otherwise the topics offered.
        var candidates = result.Outcome == MatchOutcome.Answer ? result.Candidates.Skip(1) : result.Candidates;
        var line = new AskLine(
            question,
            language,
            result.Outcome.ToString().ToLowerInvariant(),
            result.Outcome == MatchOutcome.Answer ? result.TopicId : null,
            result.Outcome == MatchOutcome.Answer ? result.Node?.Id : null,
            candidates.Select(c => c.TopicId).ToList(),
            result.Score,
            result.MatchedTerms,
            result.Via == MatchPath.Meaning ? "meaning" : "keywords",
            result.Outcome == MatchOutcome.Fallback ? result.Suggestions.Select(s => s.TopicId).ToList() : null,
            result.ClosestExample,
            result.Gloss);
        return JsonSerializer.Serialize(line, JsonOptions);
    }

    private static void Describe(string question, string language, string how, MatchResult result, KnowledgeBase knowledge, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine($"question:   {question}");
        output.WriteLine($"language:   {language} ({how})");
        switch (result.Outcome)
        {
            case MatchOutcome.Answer:
                output.WriteLine($"answer:     {result.Node!.Title.Get(language)} ({result.Node.Id})");
                output.WriteLine(string.Format(culture, "score:      {0:0.##}, confidence {1:0.00}", result.Score, result.Confidence));
                break;
            case MatchOutcome.Disambiguate:
                output.WriteLine("which one?  " + string.Join(" | ", result.Candidates.Select(c => $"{knowledge.Find(c.TopicId)?.Title.Get(language)} ({c.TopicId})")));
                output.WriteLine(string.Format(culture, "score:      {0:0.##}", result.Score));
                break;
            default:
                output.WriteLine("fallback:   no topic matches well enough; the topic menu is offered");
                break;
        }

        output.WriteLine($"via:        {(result.Via == MatchPath.Meaning ? "meaning" : "keywords")}");
        if (result.ClosestExample is { } example)
        {
            output.WriteLine(string.Format(culture, "closest to: \"{0}\" (similarity {1:0.00})", example, result.Confidence));
        }

        if (result.Gloss is { } gloss)
        {
            output.WriteLine($"read as:    \"{gloss}\" (the English gloss of knowledge/glossary.yaml that the meaning stage weighed)");
        }

        if (result.Suggestions.Count > 0)
        {
            output.WriteLine("suggests:   " + string.Join(" | ", result.Suggestions.Select(s => $"{s.Title.Get(language)} ({s.Id})")));
        }

        if (result.Facet is { } facet)
        {
            output.WriteLine($"asks for:   {knowledge.FacetDefinition(facet)?.Label.Get(language) ?? facet.ToString()} ({facet.ToString().ToLowerInvariant()})");
        }

        if (result.MatchedTerms.Count > 0)
        {
            output.WriteLine("matched:    " + string.Join(", ", result.MatchedTerms.Select(t => $"\"{t}\"")));
        }

        var others = result.Outcome == MatchOutcome.Answer ? result.Candidates.Skip(1).ToList() : [];
        if (others.Count > 0)
        {
            output.WriteLine("runners-up: " + string.Join(", ", others.Select(c => string.Format(culture, "{0} ({1:0.##})", c.TopicId, c.Score))));
        }
    }

    private sealed record AskLine(
        [property: JsonPropertyName("question")] string Question,
        [property: JsonPropertyName("language")] string Language,
        [property: JsonPropertyName("outcome")] string Outcome,
        [property: JsonPropertyName("topic")] string? Topic,
        [property: JsonPropertyName("node")] string? Node,
        [property: JsonPropertyName("candidates")] IReadOnlyList<string> Candidates,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("matched")] IReadOnlyList<string> Matched,
        [property: JsonPropertyName("via")] string Via,
        [property: JsonPropertyName("suggestions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Suggestions,
        [property: JsonPropertyName("closestExample"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClosestExample,
        [property: JsonPropertyName("gloss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Gloss);
}
