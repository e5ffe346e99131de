namespace PolicyBot.LoadTest;

/// <summary>
/// The load generator only ever talks to this machine: a load test pointed at a shared or production bot by
/// mistake would be an outage. Only 127.0.0.1, localhost and [::1] are accepted.
/// </summary>
internal static class LoopbackGuard
{
    private static readonly string[] AllowedHosts = ["127.0.0.1", "localhost", "::1", "[::1]"];

    public static bool IsAllowedHost(string? host) =>
        !string.IsNullOrEmpty(host) && AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    public static void EnsureAllowed(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri || !IsAllowedHost(target.Host))
        {
            throw new InvalidOperationException($"Refusing to send load to '{target}': only 127.0.0.1, localhost and [::1] are allowed targets.");
        }
    }
}

/// <summary>Checks every outgoing request, so no code path can send load off the machine.</summary>
internal sealed class LoopbackOnlyHandler : DelegatingHandler
{
    public LoopbackOnlyHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        LoopbackGuard.EnsureAllowed(request.RequestUri ?? throw new InvalidOperationException("A request without a URI."));
        return base.SendAsync(request, cancellationToken);
    }
}
