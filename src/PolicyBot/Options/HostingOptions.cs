using System.ComponentModel.DataAnnotations;

namespace PolicyBot.Options;

/// <summary>Limits of the HTTP host (configuration section "Hosting").</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Largest request body accepted on /api/messages; larger gets 413.</summary>
    [Range(4_096, 10_485_760)]
    public long MaxRequestBodyBytes { get; set; } = 262_144;
}
