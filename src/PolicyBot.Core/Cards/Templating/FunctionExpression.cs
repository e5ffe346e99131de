using System.Globalization;
using System.Text.Json.Nodes;

namespace PolicyBot.Core.Cards.Templating;

/// <summary>
/// The prebuilt functions the engine knows, with the Adaptive Expressions semantics the official library has
/// (exists, empty and the logic functions never substitute a missing field).
/// </summary>
internal sealed class FunctionExpression : TemplateExpression
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["count"] = (1, 1),
        ["empty"] = (1, 1),
        ["exists"] = (1, 1),
        ["not"] = (1, 1),
        ["and"] = (1, int.MaxValue),
        ["or"] = (1, int.MaxValue),
        ["if"] = (3, 3),
        ["equals"] = (2, 2),
        ["join"] = (2, 2),
        ["length"] = (1, 1),
        ["toLower"] = (1, 1),
        ["toUpper"] = (1, 1),
    };

    private readonly string _name;
    private readonly IReadOnlyList<TemplateExpression> _arguments;

    public FunctionExpression(string name, IReadOnlyList<TemplateExpression> arguments)
    {
        if (!Arity.TryGetValue(name, out var arity))
        {
            throw new TemplateSyntaxException($"unknown function '{name}' (this engine supports {string.Join(", ", Arity.Keys)})");
        }

        if (arguments.Count < arity.Min || arguments.Count > arity.Max)
        {
            throw new TemplateSyntaxException($"{name}() takes {(arity.Min == arity.Max ? arity.Min.ToString(CultureInfo.InvariantCulture) : $"at least {arity.Min}")} argument(s), not {arguments.Count}");
        }

        _name = name;
        _arguments = arguments;
    }

    public static bool IsKnown(string name) => Arity.ContainsKey(name);

    public override string ToString() => $"{_name}({string.Join(", ", _arguments)})";

    public override EvaluationResult Evaluate(EvaluationScope scope, bool substituteMissing)
    {
        switch (_name)
        {
            case "not":
                return new NotExpression(_arguments[0]).Evaluate(scope, substituteMissing);
            case "and":
                return Logic.And(_arguments, scope);
            case "or":
                return Logic.Or(_arguments, scope);
            case "exists":
                return Condition(scope, value => !TemplateValues.IsNullOrUndefined(value));
            case "empty":
                return Condition(scope, IsEmpty);
            case "equals":
                {
                    var a = _arguments[0].Evaluate(scope, substituteMissing: false);
                    var b = _arguments[1].Evaluate(scope, substituteMissing: false);
                    return EvaluationResult.Of(a.Error is null && b.Error is null && TemplateValues.AreEqual(a.Value, b.Value));
                }

            case "if":
                {
                    var condition = _arguments[0].Evaluate(scope, substituteMissing: false);
                    var chosen = condition.Error is null && TemplateValues.IsLogicTrue(condition.Value) ? _arguments[1] : _arguments[2];
                    return chosen.Evaluate(scope, substituteMissing);
                }

            default:
                return Apply(scope, substituteMissing);
        }
    }

    private EvaluationResult Condition(EvaluationScope scope, Func<object?, bool?> test)
    {
        var argument = _arguments[0].Evaluate(scope, substituteMissing: false);
        return EvaluationResult.Of(argument.Error is null && test(argument.Value) == true);
    }

    /// <summary>null when the value is not a container (Adaptive Expressions then fails, and empty() is false).</summary>
    private static bool? IsEmpty(object? value) => value switch
    {
        null => true,
        _ when ReferenceEquals(value, TemplateValues.Undefined) => true,
        string s => s.Length == 0,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => null,
    };

    private EvaluationResult Apply(EvaluationScope scope, bool substituteMissing)
    {
        var values = new object?[_arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var result = _arguments[i].Evaluate(scope, substituteMissing);
            if (result.Error is not null)
            {
                return result;
            }

            values[i] = result.Value;
        }

        var first = values[0];
        return _name switch
        {
            "count" => first switch
            {
                string s => EvaluationResult.Of((double)s.Length),
                JsonArray array => EvaluationResult.Of((double)array.Count),
                JsonObject obj => EvaluationResult.Of((double)obj.Count),
                _ => EvaluationResult.Fail($"{_arguments[0]} must be a string, list, map or object."),
            },
            "length" => first switch
            {
                string s => EvaluationResult.Of((double)s.Length),
                _ when TemplateValues.IsNullOrUndefined(first) => EvaluationResult.Of(0d),
                _ => EvaluationResult.Fail($"{_arguments[0]} is neither a string nor a null object."),
            },
            "toLower" => first is string lower ? EvaluationResult.Of(lower.ToLowerInvariant()) : EvaluationResult.Of(string.Empty),
            "toUpper" => first is string upper ? EvaluationResult.Of(upper.ToUpperInvariant()) : EvaluationResult.Of(string.Empty),
            "join" => first is JsonArray items && values[1] is string separator
                ? EvaluationResult.Of(string.Join(separator, items.Select(item => TemplateValues.FromNode(item) is { } v ? TemplateValues.ToDisplayString(v) : string.Empty)))
                : EvaluationResult.Fail($"{this}: join() takes a list and a string."),
            _ => EvaluationResult.Fail($"unknown function '{_name}'"),
        };
    }
}
