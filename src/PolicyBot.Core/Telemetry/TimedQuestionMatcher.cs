using System.Diagnostics;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Telemetry;

/// <summary>The keyword matcher, with the time each question took recorded (policybot.matching.keywords.duration).</summary>
public sealed class TimedQuestionMatcher(IQuestionMatcher inner, PolicyBotTelemetry telemetry) : IQuestionMatcher
{
    public MatchResult Match(string question, KnowledgeBase knowledge, string language)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return inner.Match(question, knowledge, language);
        }
        finally
        {
            telemetry.RecordKeywordMatching(Stopwatch.GetElapsedTime(started));
        }
    }
}
