using System.Text.Json;

namespace PolicyBot.Infrastructure;

/// <summary>Checks that a request body is an activity the adapter can take, and says what is wrong if not.</summary>
internal static class ActivityBodyValidator
{
    public static async Task<string?> ValidateAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return ex.LineNumber is null
                ? "The body is not valid JSON."
                : $"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "The body must be a JSON object (an activity).";
            }

            if (!HasString(root, "type"))
            {
                return "The activity has no 'type'.";
            }

            foreach (var required in (string[])["conversation", "from"])
            {
                if (!root.TryGetProperty(required, out var account) || account.ValueKind != JsonValueKind.Object || !HasString(account, "id"))
                {
                    return $"The activity has no '{required}.id'.";
                }
            }

            if (!HasString(root, "serviceUrl"))
            {
                return "The activity has no 'serviceUrl'.";
            }

            return null;
        }
    }

    private static bool HasString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0;
}
