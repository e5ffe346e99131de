using System.Text.Json.Nodes;
using Json.Pointer;

namespace PolicyBot.Core.Cards.Templating;

/// <summary>
/// An Adaptive Card template compiled once and expanded many times, following the official Adaptive Card
/// Templating library (npm adaptivecards-templating 2.x) for the subset it supports:
/// <list type="bullet">
/// <item>"${expr}" alone keeps the expression's type; text around or between bindings makes a string;</item>
/// <item>"$data" repeats an object for each item of an array (with $index), or rebinds it to an object;</item>
/// <item>"$when" keeps an object only when it evaluates to the boolean true;</item>
/// <item>an object whose $data array is empty, or whose $when is false, becomes null and is dropped from its array;</item>
/// <item>a binding to a missing field is NOT dropped: like the official library it becomes the text "${path}".
/// Guard optional parts with $when, and give every field a value.</item>
/// </list>
/// </summary>
public sealed class CardTemplate
{
    private static readonly HashSet<string> ReservedProperties = new(StringComparer.Ordinal)
    {
        "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion",
    };

    private readonly TemplateNode _root;

    private CardTemplate(string name, TemplateNode root)
    {
        Name = name;
        _root = root;
    }

    public string Name { get; }

    /// <summary>Compiles a template; a bad expression throws <see cref="TemplateSyntaxException"/> with its JSON Pointer.</summary>
    public static CardTemplate Compile(string name, JsonNode template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new CardTemplate(name, CompileNode(template, string.Empty));
    }

    /// <summary>Expands the template with <paramref name="data"/> as $root (and the first $data).</summary>
    public JsonNode? Expand(JsonNode? data)
    {
        var root = TemplateValues.FromNode(data);
        var result = _root.Expand(new EvaluationScope(root, TemplateValues.Undefined, TemplateValues.Undefined));
        return ReferenceEquals(result, TemplateValues.Undefined) ? null : (JsonNode?)result;
    }

    private static TemplateNode CompileNode(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                {
                    var properties = new List<(string Name, TemplateNode Value)>();
                    TemplateNode? when = null;
                    TemplateNode? data = null;
                    foreach (var (key, value) in obj)
                    {
                        var child = CompileNode(value, pointer + JsonPointer.Create(key));
                        if (key == "$when")
                        {
                            when = child;
                        }
                        else if (key == "$data")
                        {
                            data = child;
                        }
                        else if (!ReservedProperties.Contains(key))
                        {
                            properties.Add((key, child));
                        }
                    }

                    return new ObjectNode(properties, when, data);
                }

            case JsonArray array:
                return new ArrayNode([.. array.Select((item, i) => CompileNode(item, $"{pointer}/{i}"))]);
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                try
                {
                    return (TemplateNode?)InterpolatedString.Compile(value.GetValue<string>()) ?? new LiteralNode(node);
                }
                catch (TemplateSyntaxException e)
                {
                    throw new TemplateSyntaxException(e.Message, e) { JsonPointer = pointer.Length == 0 ? "/" : pointer };
                }

            default:
                return new LiteralNode(node);
        }
    }

    /// <summary>A compiled part of the template. Expand returns a JsonNode, null (JSON null) or Undefined (omit).</summary>
    private abstract class TemplateNode
    {
        public abstract object? Expand(EvaluationScope scope);
    }

    private sealed class LiteralNode(JsonNode? value) : TemplateNode
    {
        public JsonNode? Value { get; } = value;

        public override object? Expand(EvaluationScope scope) => Value?.DeepClone();
    }

    private sealed class ArrayNode(IReadOnlyList<TemplateNode> items) : TemplateNode
    {
        public override object? Expand(EvaluationScope scope)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                var expanded = item.Expand(scope);
                switch (expanded)
                {
                    case null:
                        // A null item (an object dropped by $when or an empty $data) leaves no trace.
                        break;
                    case JsonArray many:
                        // An object repeated by $data, or a binding to an array, is spliced into the array.
                        foreach (var element in many.ToArray())
                        {
                            many.Remove(element);
                            result.Add(element);
                        }

                        break;
                    case JsonNode one:
                        result.Add(one);
                        break;
                    default:
                        // JSON.stringify writes an undefined array item as null.
                        result.Add(null);
                        break;
                }
            }

            return result;
        }
    }

    private sealed class ObjectNode(IReadOnlyList<(string Name, TemplateNode Value)> properties, TemplateNode? when, TemplateNode? data) : TemplateNode
    {
        public override object? Expand(EvaluationScope scope)
        {
            IReadOnlyList<object?> contexts = [TemplateValues.Undefined];
            var isArray = false;
            if (data is not null)
            {
                var value = data switch
                {
                    ExpressionNode expression => expression.Evaluate(scope),
                    LiteralNode literal => TemplateValues.FromNode(literal.Value),
                    _ => TemplateValues.FromNode(data.Expand(scope) as JsonNode),
                };
                if (value is JsonArray array)
                {
                    contexts = [.. array.Select(TemplateValues.FromNode)];
                    isArray = true;
                }
                else
                {
                    contexts = [value];
                }
            }

            var results = new List<JsonObject>();
            for (var i = 0; i < contexts.Count; i++)
            {
                var itemScope = scope;
                if (isArray)
                {
                    itemScope = itemScope with { Index = (double)i };
                }

                if (!ReferenceEquals(contexts[i], TemplateValues.Undefined))
                {
                    itemScope = itemScope with { Data = contexts[i] };
                }

                if (when is not null && !IsTrue(when, itemScope))
                {
                    continue;
                }

                results.Add(ExpandProperties(itemScope));
            }

            return results.Count switch
            {
                0 => null,
                1 => results[0],
                _ => new JsonArray([.. results]),
            };
        }

        private static bool IsTrue(TemplateNode when, EvaluationScope scope) => when switch
        {
            // Only the boolean true keeps the object; an error or any other value drops it.
            ExpressionNode expression => expression.EvaluateCondition(scope) is true,

            // A $when that is not an expression drops the object when it is JavaScript-truthy.
            LiteralNode literal => !IsJavaScriptTruthy(literal.Value),
            _ => false,
        };

        private static bool IsJavaScriptTruthy(JsonNode? node) => TemplateValues.FromNode(node) switch
        {
            null => false,
            bool b => b,
            double d => d != 0 && !double.IsNaN(d),
            string s => s.Length > 0,
            _ => true,
        };

        private JsonObject ExpandProperties(EvaluationScope scope)
        {
            var result = new JsonObject();
            foreach (var (name, value) in properties)
            {
                var expanded = value.Expand(scope);
                if (!ReferenceEquals(expanded, TemplateValues.Undefined))
                {
                    result[name] = (JsonNode?)expanded;
                }
            }

            return result;
        }
    }

    /// <summary>A string with bindings: one "${expr}" alone, or text and bindings joined into a string.</summary>
    private abstract class ExpressionNode : TemplateNode
    {
        public abstract object? Evaluate(EvaluationScope scope);

        public abstract object? EvaluateCondition(EvaluationScope scope);

        public override object? Expand(EvaluationScope scope)
        {
            var value = Evaluate(scope);
            return ReferenceEquals(value, TemplateValues.Undefined) ? value : TemplateValues.ToNode(value);
        }
    }

    private sealed class SingleExpressionNode(TemplateExpression expression, string source) : ExpressionNode
    {
        public override object? Evaluate(EvaluationScope scope)
        {
            var result = expression.Evaluate(scope, substituteMissing: true);
            if (result.Error is not null)
            {
                throw new TemplateExpansionException($"'{source}': {result.Error}");
            }

            return result.Value;
        }

        public override object? EvaluateCondition(EvaluationScope scope)
        {
            var result = expression.Evaluate(scope, substituteMissing: false);
            return result.Error is null ? result.Value : null;
        }
    }

    private sealed class ConcatenationNode(IReadOnlyList<(string? Text, TemplateExpression? Expression)> parts, string source) : ExpressionNode
    {
        public override object? Evaluate(EvaluationScope scope)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var (text, expression) in parts)
            {
                if (expression is null)
                {
                    builder.Append(text);
                    continue;
                }

                var result = expression.Evaluate(scope, substituteMissing: true);
                if (result.Error is not null)
                {
                    // The official library puts the failed expression back as text.
                    builder.Append("${").Append(expression).Append('}');
                    continue;
                }

                try
                {
                    builder.Append(TemplateValues.ToDisplayString(result.Value));
                }
                catch (TemplateExpansionException e)
                {
                    throw new TemplateExpansionException($"'{source}': ${{{expression}}} is {(result.Value is null ? "null" : "missing")}, and {e.Message}", e);
                }
            }

            return builder.ToString();
        }

        // A string is never the boolean true, so a $when written as text around a binding is always false.
        public override object? EvaluateCondition(EvaluationScope scope) => Evaluate(scope);
    }

    private static class InterpolatedString
    {
        /// <summary>Null when the string has no binding and stays literal.</summary>
        public static ExpressionNode? Compile(string text)
        {
            var start = text.IndexOf("${", StringComparison.Ordinal);
            if (start < 0)
            {
                return null;
            }

            if (text.Contains('`', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal))
            {
                throw new TemplateSyntaxException("a string with a binding cannot contain ` or \\ (Adaptive Expressions treats them as escapes)");
            }

            var parts = new List<(string? Text, TemplateExpression? Expression)>();
            var position = 0;
            while (start >= 0)
            {
                if (start > position)
                {
                    parts.Add((text[position..start], null));
                }

                var end = FindClosingBrace(text, start + 2);
                if (end < 0)
                {
                    throw new TemplateSyntaxException($"'${{' at character {start + 1} is not closed with '}}' in \"{text}\"");
                }

                parts.Add((null, ExpressionParser.Parse(text[(start + 2)..end])));
                position = end + 1;
                start = text.IndexOf("${", position, StringComparison.Ordinal);
            }

            if (position < text.Length)
            {
                parts.Add((text[position..], null));
            }

            return parts is [(null, { } single)]
                ? new SingleExpressionNode(single, text)
                : new ConcatenationNode(parts, text);
        }

        private static int FindClosingBrace(string text, int from)
        {
            char? quote = null;
            var depth = 0;
            for (var i = from; i < text.Length; i++)
            {
                var c = text[i];
                if (quote is not null)
                {
                    if (c == quote)
                    {
                        quote = null;
                    }
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}')
                {
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                }
            }

            return -1;
        }
    }
}
