using System.Text.RegularExpressions;

namespace PolicyBot.Core.Knowledge;

/// <summary>Where one sentence of a content text ends and the next starts (the meaning index and the shared card's one line).</summary>
internal static partial class SentenceBreaks
{
    /// <summary>The sentences of <paramref name="text"/> as written, at most <paramref name="count"/> (the last holds the rest).</summary>
    public static string[] Split(string text, int count = int.MaxValue) => SentenceEnd().Split(text, count);

    // A sentence ends where the next starts with a capital or a quote: "U.N. bodies" goes on.
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z“""(])")]
    private static partial Regex SentenceEnd();
}
