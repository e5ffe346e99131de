using Microsoft.Extensions.Logging.Testing;

namespace PolicyBot.Tests.WebChat;

/// <summary>What a <see cref="FakeLoggerProvider"/> collected, one line a record, for tests that look for text anywhere in a log line.</summary>
internal static class FakeLogLines
{
    /// <summary>"Level Category: message key=value ... exception" for each record so far.</summary>
    public static IReadOnlyList<string> Lines(this FakeLoggerProvider provider) =>
        [.. provider.Collector.GetSnapshot().Select(r =>
            $"{r.Level} {r.Category}: {r.Message} {string.Join(" ", (r.StructuredState ?? []).Select(p => $"{p.Key}={p.Value}"))} {r.Exception}")];
}
