using System.Text.Json;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;

namespace PolicyBot.Core.Matching;

/// <summary>One line of an evaluation set: a question and the topic it should reach ("none", or "ambiguous" with <see cref="Any"/>).</summary>
public sealed record EvaluationCase(int Line, string Question, string Label, IReadOnlyList<string> Any)
{
    public const string None = "none";
    public const string Ambiguous = "ambiguous";

    /// <summary>The line's own "lang" field ("en", "fr"), if it has one: it wins over any other choice of language.</summary>
    public string? Language { get; init; }
}

/// <summary>How one case fared, matched in <see cref="Language"/>.</summary>
public sealed record EvaluationOutcome(EvaluationCase Case, MatchResult Result, bool Correct)
{
    public string Language { get; init; } = Languages.English;
}

/// <summary>The accuracy of a matcher on an evaluation set, per label and in the groups the targets name.</summary>
public sealed record EvaluationReport(IReadOnlyList<EvaluationOutcome> Outcomes)
{
    public IEnumerable<EvaluationOutcome> Misses => Outcomes.Where(o => !o.Correct);

    public IReadOnlyList<(string Label, int Correct, int Total)> ByLabel =>
        Outcomes.GroupBy(o => o.Case.Label)
            .OrderBy(g => g.Key is EvaluationCase.None or EvaluationCase.Ambiguous ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(o => o.Correct), g.Count()))
            .ToList();

    /// <summary>Questions with a real topic that were answered with that topic.</summary>
    public double InScopeAccuracy => Accuracy(o => o.Case.Label is not (EvaluationCase.None or EvaluationCase.Ambiguous));

    /// <summary>"none" questions that got the fallback.</summary>
    public double OutOfScopeAccuracy => Accuracy(o => o.Case.Label == EvaluationCase.None);

    /// <summary>"ambiguous" questions disambiguated between the listed topics or answered with one of them.</summary>
    public double AmbiguousAccuracy => Accuracy(o => o.Case.Label == EvaluationCase.Ambiguous);

    public double OverallAccuracy => Accuracy(_ => true);

    /// <summary>The report of each language the lines were matched in, English first.</summary>
    public IReadOnlyList<(string Language, EvaluationReport Report)> ByLanguage =>
        Outcomes.GroupBy(o => o.Language)
            .OrderBy(g => g.Key == Languages.English ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, new EvaluationReport(g.ToList())))
            .ToList();

    /// <summary>
    /// In-scope lines (a topic, or ambiguous) where a right topic is one click away: answered, offered in a
    /// disambiguation, or among the suggestions of a fallback.
    /// </summary>
    public double WithinOneClick => Fraction(
        Outcomes.Where(o => o.Case.Label != EvaluationCase.None).ToList(),
        o => o.Correct || Evaluation.Reachable(o.Case).Any(topic => Evaluation.OneClickAway(o.Result, topic)));

    /// <summary>Answers with a topic the line does not accept (any answer to a "none" line), over all lines.</summary>
    public double WrongAnswerRate => Fraction(
        Outcomes,
        o => o.Result.Outcome == MatchOutcome.Answer && !Evaluation.Reachable(o.Case).Contains(o.Result.TopicId));

    private static double Fraction(IReadOnlyList<EvaluationOutcome> outcomes, Func<EvaluationOutcome, bool> counted) =>
        outcomes.Count == 0 ? 0 : (double)outcomes.Count(counted) / outcomes.Count;

    private double Accuracy(Func<EvaluationOutcome, bool> selector)
    {
        var selected = Outcomes.Where(selector).ToList();
        return selected.Count == 0 ? 1 : (double)selected.Count(o => o.Correct) / selected.Count;
    }
}

/// <summary>Reads evaluation sets (the /shared/eval JSON-lines format, with an optional "lang" per line) and scores a matcher on them.</summary>
public static class Evaluation
{
    /// <summary>Parses the lines of a set; every bad line is reported with its number, and no case is returned then.</summary>
    public static IReadOnlyList<EvaluationCase> Parse(IEnumerable<string> lines, KnowledgeBase knowledge, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(knowledge);
        var cases = new List<EvaluationCase>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (ParseLine(number, line, knowledge, out var error) is { } parsed)
            {
                cases.Add(parsed);
            }
            else
            {
                problems.Add($"line {number}: {error}");
            }
        }

        if (cases.Count == 0 && problems.Count == 0)
        {
            problems.Add("the set has no questions");
        }

        errors = problems;
        return problems.Count == 0 ? cases : [];
    }

    /// <summary>Matches every line in English (or in its own "lang").</summary>
    public static EvaluationReport Run(IEnumerable<EvaluationCase> cases, IQuestionMatcher matcher, KnowledgeBase knowledge) =>
        Run(cases, matcher, knowledge, Languages.English);

    /// <param name="language">
    /// The language of every line without a "lang" field, or null to detect each one's language as the bot does
    /// (<see cref="LanguageDetector"/>; English when the line is not clearly in either).
    /// </param>
    public static EvaluationReport Run(IEnumerable<EvaluationCase> cases, IQuestionMatcher matcher, KnowledgeBase knowledge, string? language)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(knowledge);
        var detector = LanguageDetector.For(knowledge);
        return new EvaluationReport(cases.Select(c =>
        {
            var lineLanguage = c.Language ?? language ?? detector.Detect(c.Question) ?? Languages.English;
            var result = matcher.Match(c.Question, knowledge, lineLanguage);
            return new EvaluationOutcome(c, result, IsCorrect(c, result)) { Language = lineLanguage };
        }).ToList());
    }

    /// <summary>
    /// A topic: answered with it. "none": the fallback. "ambiguous": answered with one of the listed topics, or a
    /// disambiguation that offers every listed topic.
    /// </summary>
    public static bool IsCorrect(EvaluationCase evaluationCase, MatchResult result)
    {
        ArgumentNullException.ThrowIfNull(evaluationCase);
        ArgumentNullException.ThrowIfNull(result);
        return evaluationCase.Label switch
        {
            EvaluationCase.None => result.Outcome == MatchOutcome.Fallback,
            EvaluationCase.Ambiguous => result.Outcome switch
            {
                MatchOutcome.Answer => evaluationCase.Any.Contains(result.TopicId),
                MatchOutcome.Disambiguate => evaluationCase.Any.All(t => result.Candidates.Any(c => c.TopicId == t)),
                _ => false,
            },
            var topic => result.Outcome == MatchOutcome.Answer && result.TopicId == topic,
        };
    }

    /// <summary>The topics a line accepts: its own, or each of an ambiguous line's; none for "none".</summary>
    internal static IReadOnlyList<string> Reachable(EvaluationCase evaluationCase) =>
        evaluationCase.Label switch
        {
            EvaluationCase.None => [],
            EvaluationCase.Ambiguous => evaluationCase.Any,
            var topic => [topic],
        };

    internal static bool OneClickAway(MatchResult result, string topic) => result.Outcome switch
    {
        MatchOutcome.Answer => result.TopicId == topic,
        MatchOutcome.Disambiguate => result.Candidates.Any(c => c.TopicId == topic),
        _ => result.Suggestions.Take(3).Any(s => s.TopicId == topic),
    };

    private static EvaluationCase? ParseLine(int number, string line, KnowledgeBase knowledge, out string error)
    {
        error = string.Empty;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            error = "not valid JSON: " + ex.Message;
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("q", out var q) || q.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("topic", out var topic) || topic.ValueKind != JsonValueKind.String)
        {
            error = "expected an object with string fields \"q\" and \"topic\"";
            return null;
        }

        var label = topic.GetString()!;
        var any = new List<string>();
        if (label == EvaluationCase.Ambiguous)
        {
            if (!root.TryGetProperty("any", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() < 2)
            {
                error = "an \"ambiguous\" line needs \"any\": a list of at least two topic ids";
                return null;
            }

            any.AddRange(list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : string.Empty));
        }
        else if (label != EvaluationCase.None)
        {
            any.Add(label);
        }

        var unknown = any.FirstOrDefault(t => knowledge.Find(t) is not { IsTopic: true });
        if (unknown is not null)
        {
            error = $"'{unknown}' is not a topic id of the knowledge base ({string.Join(", ", knowledge.Topics.Select(t => t.Id))}, none, ambiguous)";
            return null;
        }

        string? language = null;
        if (root.TryGetProperty("lang", out var lang))
        {
            language = lang.ValueKind == JsonValueKind.String && Languages.Supported.Contains(lang.GetString()) ? lang.GetString() : null;
            if (language is null)
            {
                error = $"\"lang\" must be one of {string.Join(", ", Languages.Supported)} (got {lang.GetRawText()})";
                return null;
            }
        }

        return new EvaluationCase(number, q.GetString()!, label, label == EvaluationCase.Ambiguous ? any : []) { Language = language };
    }
}
