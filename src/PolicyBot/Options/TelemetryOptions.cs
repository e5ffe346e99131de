namespace PolicyBot.Options;

/// <summary>
/// Telemetry export (section "Telemetry"). Nothing is exported by default. OTLP follows the standard
/// OTEL_EXPORTER_OTLP_* variables and Azure Monitor APPLICATIONINSIGHTS_CONNECTION_STRING; this section only
/// adds the Prometheus scrape endpoint.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve the metrics for Prometheus to scrape at <see cref="PrometheusPath"/>.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Where the scrape endpoint is; keep it off the public internet (it is not authenticated).</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>The service.name resource attribute (OTEL_SERVICE_NAME wins when set).</summary>
    public string ServiceName { get; set; } = "PolicyBot";
}
