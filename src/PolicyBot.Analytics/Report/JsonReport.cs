using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyBot.Analytics.Report;

/// <summary>The report's model as JSON (camelCase), for scripts and dashboards.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Render(ContentReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    public static ContentReport? Parse(string json) => JsonSerializer.Deserialize<ContentReport>(json, Options);
}
