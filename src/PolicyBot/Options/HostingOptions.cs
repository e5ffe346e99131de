using System.ComponentModel.DataAnnotations;

namespace PolicyBot.Options;

/// <summary>Limits of the HTTP host (configuration section "Hosting").</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Largest request body accepted on /api/messages; larger gets 413.</summary>
    [Range(4_096, 10_485_760)]
    public long MaxRequestBodyBytes { get; set; } = 262_144;

    /// <summary>
    /// On SIGTERM (or Ctrl+C) the host stops taking requests and waits this long for turns in flight to finish
    /// (each writes its conversation state before it answers); past it, they are cut off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
