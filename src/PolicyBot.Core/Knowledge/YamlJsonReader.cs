using System.Globalization;
using System.Text.Json.Nodes;
using Json.Pointer;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyBot.Core.Knowledge;

/// <summary>
/// Reads a YAML file into JSON nodes (so the JSON Schema can check it) and remembers the line of every value,
/// keyed by its JSON pointer, so that every error can name file, line and field.
/// </summary>
internal sealed class YamlJsonReader
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private YamlJsonReader()
    {
    }

    public JsonNode? Root { get; private set; }

    /// <summary>The line of the value at a JSON pointer ("/nodes/2/title"), or of its nearest parent.</summary>
    public int LineOf(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return 1;
            }
        }
    }

    public static YamlJsonReader Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var reader = new YamlJsonReader();
        if (stream.Documents.Count > 0)
        {
            reader.Root = reader.Convert(stream.Documents[0].RootNode, string.Empty);
        }

        return reader;
    }

    private JsonNode? Convert(YamlNode node, string pointer)
    {
        _lines[pointer] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
                    if (obj.ContainsKey(key))
                    {
                        throw new YamlException(keyNode.Start, keyNode.End, $"the key '{key}' appears twice");
                    }

                    obj[key] = Convert(valueNode, pointer + JsonPointer.Create(key));
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture)));
                }

                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, "unsupported YAML node (aliases are not allowed in content files)");
        }
    }

    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        // Plain scalars keep YAML's core types, so that "weight: 7" is a number and "weight: seven" is an error.
        if (value.Length == 0 || value is "~" or "null")
        {
            return null;
        }

        if (value is "true" or "false")
        {
            return JsonValue.Create(value == "true");
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (value.Any(char.IsDigit) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !value.Contains('-', StringComparison.Ordinal))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }
}
