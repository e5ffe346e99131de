using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyBot.Core.Cards.Templating;

/// <summary>
/// The value of an expression while it is evaluated. Follows Adaptive Expressions (the language of the official
/// templating library): null is a JSON null, <see cref="Undefined"/> a missing field; strings, doubles,
/// booleans, and JSON arrays and objects as they come from the data.
/// </summary>
internal static class TemplateValues
{
    /// <summary>A field that is not in the data (JavaScript's undefined), unlike an explicit JSON null.</summary>
    public static readonly object Undefined = new UndefinedValue();

    public static bool IsNullOrUndefined(object? value) => value is null || ReferenceEquals(value, Undefined);

    /// <summary>Adaptive Expressions truthiness: false, null and undefined are false; everything else (even 0 and "") is true.</summary>
    public static bool IsLogicTrue(object? value) => value switch
    {
        bool b => b,
        null => false,
        _ => !ReferenceEquals(value, Undefined),
    };

    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonObject or JsonArray => (object)node,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => ToDouble(value),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    private static double ToDouble(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value as a node of the expanded card: arrays and objects are copied, since a node has one parent.</summary>
    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        double d => NumberNode(d),
        bool b => JsonValue.Create(b),
        JsonNode node => node.DeepClone(),
        _ => throw new InvalidOperationException("Undefined has no JSON form."),
    };

    /// <summary>JavaScript's String(value), as the official library uses when it joins an interpolated string.</summary>
    public static string ToDisplayString(object? value) => value switch
    {
        string s => s,
        double d => FormatNumber(d),
        bool b => b ? "true" : "false",
        JsonObject => "[object Object]",
        JsonArray array => string.Join(',', array.Select(item => FromNode(item) is { } v && !IsNullOrUndefined(v) ? ToDisplayString(v) : string.Empty)),
        _ => throw new TemplateExpansionException("a null or missing value cannot be joined into a string"),
    };

    /// <summary>JavaScript's Number.prototype.toString for the numbers a card uses.</summary>
    public static string FormatNumber(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        if (number == Math.Floor(number) && Math.Abs(number) < 1e21)
        {
            return number.ToString("0", CultureInfo.InvariantCulture);
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        var exponent = text.IndexOf('E', StringComparison.Ordinal);
        if (exponent < 0)
        {
            return text;
        }

        // .NET writes 1E+21 and 1E-07 where JavaScript writes 1e+21 and 1e-7.
        var mantissa = text[..exponent];
        var power = int.Parse(text[(exponent + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var builder = new StringBuilder(mantissa).Append('e').Append(power < 0 ? '-' : '+').Append(Math.Abs(power).ToString(CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    /// <summary>Adaptive Expressions' equality: null equals undefined, arrays and objects compare deeply, numbers within epsilon.</summary>
    public static bool AreEqual(object? left, object? right)
    {
        if (IsNullOrUndefined(left) || IsNullOrUndefined(right))
        {
            return IsNullOrUndefined(left) && IsNullOrUndefined(right);
        }

        return (left, right) switch
        {
            (double a, double b) => Math.Abs(a - b) < double.Epsilon || a == b,
            (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
            (bool a, bool b) => a == b,
            (JsonNode a, JsonNode b) => JsonNode.DeepEquals(a, b),
            _ => false,
        };
    }

    private static JsonValue NumberNode(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 9_007_199_254_740_992d
            ? JsonValue.Create((long)number)
            : JsonValue.Create(number);

    private sealed class UndefinedValue
    {
        public override string ToString() => "undefined";
    }
}
