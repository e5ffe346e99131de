using System.Globalization;
using PolicyBot.Core.Matching;

namespace PolicyBot.Cli;

/// <summary>
/// `eval FILE.jsonl`: scores the matcher on an evaluation set and prints the accuracy per label, against the
/// targets, per language, and every miss. Each line is matched in its own "lang" if it has one, else in the language
/// --lang gives, else (auto, the default) in the language detected in it, as the bot does (English when unclear). Exits non-zero only when the input is bad (a missing file, a broken line, an unknown
/// topic id, or a knowledge base that does not load), never because of misses.
/// </summary>
internal static class EvalCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (MatchingCommandLine.Parse(args, error) is not { } command)
        {
            return 2;
        }

        if (command.Positional.Count != 1 || command.Json)
        {
            error.WriteLine("eval takes one evaluation file: eval FILE.jsonl [--lang en|fr|auto] [--knowledge DIR]");
            return 2;
        }

        var file = command.Positional[0];
        if (!File.Exists(file))
        {
            error.WriteLine($"{file}: no such file.");
            return 2;
        }

        if (command.LoadKnowledge(error) is not { } knowledge)
        {
            return 1;
        }

        var cases = Evaluation.Parse(File.ReadLines(file), knowledge, out var errors);
        if (errors.Count > 0)
        {
            foreach (var problem in errors)
            {
                error.WriteLine($"{file}: {problem}");
            }

            return 2;
        }

        var language = command.Language == MatchingCommandLine.AutoLanguage ? null : command.Language;
        var report = Evaluation.Run(cases, command.CreateMatcher(knowledge, error), knowledge, language);
        Print(file, report, output);
        return 0;
    }

    internal static void Print(string file, EvaluationReport report, TextWriter output)
    {
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine($"{file}: {report.Outcomes.Count} questions");
        foreach (var (label, correct, total) in report.ByLabel)
        {
            output.WriteLine(string.Format(culture, "  {0,-34} {1,3}/{2,-3} {3,6:0.0%}", label, correct, total, (double)correct / total));
        }

        output.WriteLine(string.Format(culture, "  in scope, right topic answered   {0,6:0.0%}  (target 95%)", report.InScopeAccuracy));
        output.WriteLine(string.Format(culture, "  none, fallback given             {0,6:0.0%}  (target 90%)", report.OutOfScopeAccuracy));
        output.WriteLine(string.Format(culture, "  ambiguous, listed topics offered {0,6:0.0%}", report.AmbiguousAccuracy));
        output.WriteLine(string.Format(culture, "  overall                          {0,6:0.0%}  (target 93%)", report.OverallAccuracy));
        output.WriteLine(string.Format(culture, "  in scope, right topic in 1 click {0,6:0.0%}  (target 98%: answered, offered to choose, or among the first three suggestions)", report.WithinOneClick));
        output.WriteLine(string.Format(culture, "  wrong answers, of all lines      {0,6:0.0%}  (target at most 2%)", report.WrongAnswerRate));
        output.WriteLine(string.Format(culture, "  answered by meaning              {0,6:0.0%}", report.Outcomes.Count(o => o.Result.Via == MatchPath.Meaning && o.Result.Outcome == MatchOutcome.Answer) / (double)Math.Max(1, report.Outcomes.Count)));
        foreach (var (language, part) in report.ByLanguage)
        {
            output.WriteLine(string.Format(
                culture,
                "  language {0}: {1,3} questions; in scope {2:0.0%}, none {3:0.0%}, ambiguous {4:0.0%}, overall {5:0.0%}, 1 click {6:0.0%}, wrong {7:0.0%}",
                language, part.Outcomes.Count, part.InScopeAccuracy, part.OutOfScopeAccuracy, part.AmbiguousAccuracy, part.OverallAccuracy, part.WithinOneClick, part.WrongAnswerRate));
        }

        var misses = report.Misses.ToList();
        output.WriteLine(misses.Count == 0 ? "no misses" : $"{misses.Count} miss(es):");
        foreach (var miss in misses)
        {
            var expected = miss.Case.Label == EvaluationCase.Ambiguous ? "ambiguous: " + string.Join(" / ", miss.Case.Any) : miss.Case.Label;
            var result = miss.Result;
            var got = result.Outcome switch
            {
                MatchOutcome.Answer => $"answer {result.Node?.Id}",
                MatchOutcome.Disambiguate => "disambiguate " + string.Join(" / ", result.Candidates.Select(c => c.TopicId)),
                _ => "fallback" + (result.Facet is { } f ? $" (facet {f.ToString().ToLowerInvariant()})" : string.Empty)
                    + (result.Suggestions.Count > 0 ? "; suggests " + string.Join(" / ", result.Suggestions.Select(n => n.TopicId)) : string.Empty),
            };
            if (result.Via == MatchPath.Meaning && result.ClosestExample is { } closest)
            {
                got += $" by meaning, closest to \"{closest}\"";
            }

            output.WriteLine(string.Format(culture, "  line {0}: expected {1}; got {2} (score {3:0.##}; in {4}; matched {5})", miss.Case.Line, expected, got, result.Score, miss.Language, string.Join(", ", result.MatchedTerms.Select(t => $"\"{t}\""))));
            output.WriteLine($"    {miss.Case.Question}");
        }
    }
}
