using System.Globalization;
using System.Text.Json.Nodes;

namespace PolicyBot.Core.Cards.Templating;

/// <summary>Where an expression is evaluated: the whole data ($root), the current $data item and its $index.</summary>
internal sealed record EvaluationScope(object? Root, object? Data, object? Index)
{
    public object? CurrentData => ReferenceEquals(Data, TemplateValues.Undefined) ? Root : Data;
}

/// <summary>An expression's result, or why it failed (failures become text or false, as in Adaptive Expressions).</summary>
internal readonly record struct EvaluationResult(object? Value, string? Error)
{
    public static EvaluationResult Of(object? value) => new(value, null);

    public static EvaluationResult Fail(string error) => new(TemplateValues.Undefined, error);
}

/// <summary>A parsed Adaptive Expression from the subset the card templates use.</summary>
internal abstract class TemplateExpression
{
    /// <param name="substituteMissing">
    /// True where the official library substitutes a missing field with its own "${path}" text (bindings);
    /// false inside conditions ($when, !, comparisons, &amp;&amp;, ||, exists, empty, if).
    /// </param>
    public abstract EvaluationResult Evaluate(EvaluationScope scope, bool substituteMissing);
}

internal sealed class ConstantExpression(object? value, string text) : TemplateExpression
{
    public override EvaluationResult Evaluate(EvaluationScope scope, bool substituteMissing) => EvaluationResult.Of(value);

    public override string ToString() => text;
}

/// <summary>One step of a path: a property name, or an index that is a constant or computed.</summary>
internal sealed record PathSegment(string? Name, TemplateExpression? Index);

/// <summary>A field of the data: name, $root.a.b, $data, $index, items[0], item['key'].</summary>
internal sealed class PathExpression(IReadOnlyList<PathSegment> segments) : TemplateExpression
{
    public IReadOnlyList<PathSegment> Segments { get; } = segments;

    public override EvaluationResult Evaluate(EvaluationScope scope, bool substituteMissing)
    {
        var first = Segments[0].Name!;
        object? current;
        var start = 1;
        switch (first)
        {
            case "$root":
                current = scope.Root;
                break;
            case "$data":
                current = scope.CurrentData;
                break;
            case "$index":
                current = scope.Index;
                break;
            default:
                if (first.StartsWith('$'))
                {
                    current = TemplateValues.Undefined;
                    break;
                }

                current = scope.CurrentData;
                start = 0;
                break;
        }

        // A path ending in [index] is an element access in Adaptive Expressions: an index out of range is an
        // error there, not a missing field.
        var last = Segments[^1];
        var endsWithIndex = Segments.Count > 1 && last.Index is not null;
        var walkTo = endsWithIndex ? Segments.Count - 1 : Segments.Count;
        for (var i = start; i < walkTo && !TemplateValues.IsNullOrUndefined(current); i++)
        {
            var key = Key(Segments[i], scope);
            if (key.Error is not null)
            {
                return key;
            }

            current = Access(current, key.Value);
        }

        if (endsWithIndex)
        {
            var key = Key(last, scope);
            if (key.Error is not null)
            {
                return key;
            }

            if (current is JsonArray array && key.Value is double position && (position < 0 || position >= array.Count))
            {
                return EvaluationResult.Fail($"{TemplateValues.FormatNumber(position)} is out of range for {ToString()}");
            }

            return EvaluationResult.Of(Access(current, key.Value));
        }

        if (ReferenceEquals(current, TemplateValues.Undefined) && substituteMissing)
        {
            return EvaluationResult.Of("${" + ToString() + "}");
        }

        return EvaluationResult.Of(current);
    }

    private static EvaluationResult Key(PathSegment segment, EvaluationScope scope) =>
        segment.Index is null ? EvaluationResult.Of(segment.Name) : segment.Index.Evaluate(scope, substituteMissing: false);

    public override string ToString()
    {
        var builder = new System.Text.StringBuilder(Segments[0].Name);
        foreach (var segment in Segments.Skip(1))
        {
            if (segment.Name is not null)
            {
                builder.Append('.').Append(segment.Name);
            }
            else
            {
                builder.Append('[').Append(segment.Index).Append(']');
            }
        }

        return builder.ToString();
    }

    private static object? Access(object? instance, object? key)
    {
        switch (instance, key)
        {
            case (JsonArray array, double number) when number == Math.Floor(number):
                return number >= 0 && number < array.Count ? TemplateValues.FromNode(array[(int)number]) : TemplateValues.Undefined;
            case (JsonArray array, string text) when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position):
                return position >= 0 && position < array.Count ? TemplateValues.FromNode(array[position]) : TemplateValues.Undefined;
            case (JsonObject obj, string name):
                if (obj.TryGetPropertyValue(name, out var exact))
                {
                    return TemplateValues.FromNode(exact);
                }

                // Adaptive Expressions falls back to a case-insensitive match.
                foreach (var property in obj)
                {
                    if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return TemplateValues.FromNode(property.Value);
                    }
                }

                return TemplateValues.Undefined;
            default:
                return TemplateValues.Undefined;
        }
    }
}

internal sealed class NotExpression(TemplateExpression operand) : TemplateExpression
{
    public override EvaluationResult Evaluate(EvaluationScope scope, bool substituteMissing)
    {
        var result = operand.Evaluate(scope, substituteMissing: false);
        return EvaluationResult.Of(result.Error is not null || !TemplateValues.IsLogicTrue(result.Value));
    }

    public override string ToString() => "!" + operand;
}

internal sealed class NegateExpression(TemplateExpression operand) : TemplateExpression
{
    public override EvaluationResult Evaluate(EvaluationScope scope, bool substituteMissing)
    {
        var result = operand.Evaluate(scope, substituteMissing);
        if (result.Error is not null)
        {
            return result;
        }

        return result.Value is double number ? EvaluationResult.Of(-number) : EvaluationResult.Fail($"{operand} is not a number.");
    }

    public override string ToString() => "-" + operand;
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

internal sealed class BinaryExpression(BinaryOperator op, string symbol, TemplateExpression left, TemplateExpression right) : TemplateExpression
{
    public override EvaluationResult Evaluate(EvaluationScope scope, bool substituteMissing) => op switch
    {
        BinaryOperator.And => Logic.And([left, right], scope),
        BinaryOperator.Or => Logic.Or([left, right], scope),
        BinaryOperator.Equal or BinaryOperator.NotEqual or BinaryOperator.Less or BinaryOperator.LessOrEqual
            or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => Compare(scope),
        _ => Arithmetic(scope, substituteMissing),
    };

    public override string ToString() => $"{left} {symbol} {right}";

    private EvaluationResult Compare(EvaluationScope scope)
    {
        // Comparisons never substitute a missing field, and an error makes them false.
        var a = left.Evaluate(scope, substituteMissing: false);
        var b = right.Evaluate(scope, substituteMissing: false);
        if (a.Error is not null || b.Error is not null)
        {
            return EvaluationResult.Of(false);
        }

        if (op == BinaryOperator.Equal)
        {
            return EvaluationResult.Of(TemplateValues.AreEqual(a.Value, b.Value));
        }

        if (op == BinaryOperator.NotEqual)
        {
            return EvaluationResult.Of(!TemplateValues.AreEqual(a.Value, b.Value));
        }

        int order;
        if (a.Value is double x && b.Value is double y)
        {
            order = x.CompareTo(y);
        }
        else if (a.Value is string s && b.Value is string t)
        {
            order = string.CompareOrdinal(s, t);
        }
        else if (TemplateValues.IsNullOrUndefined(a.Value) || TemplateValues.IsNullOrUndefined(b.Value))
        {
            return EvaluationResult.Of(false);
        }
        else
        {
            return EvaluationResult.Fail($"{left} and {right} must be comparable.");
        }

        return EvaluationResult.Of(op switch
        {
            BinaryOperator.Less => order < 0,
            BinaryOperator.LessOrEqual => order <= 0,
            BinaryOperator.Greater => order > 0,
            _ => order >= 0,
        });
    }

    private EvaluationResult Arithmetic(EvaluationScope scope, bool substituteMissing)
    {
        var a = left.Evaluate(scope, substituteMissing);
        if (a.Error is not null)
        {
            return a;
        }

        var b = right.Evaluate(scope, substituteMissing);
        if (b.Error is not null)
        {
            return b;
        }

        if (op == BinaryOperator.Add && (a.Value is not double || b.Value is not double))
        {
            return Concatenate(a.Value, b.Value);
        }

        if (a.Value is not double x || b.Value is not double y)
        {
            return EvaluationResult.Fail($"{this}: both operands must be numbers.");
        }

        return op switch
        {
            BinaryOperator.Add => EvaluationResult.Of(x + y),
            BinaryOperator.Subtract => EvaluationResult.Of(x - y),
            BinaryOperator.Multiply => EvaluationResult.Of(x * y),
            BinaryOperator.Modulo => y == 0 ? EvaluationResult.Fail("Cannot divide by 0.") : EvaluationResult.Of(x % y),
            _ => Divide(x, y),
        };
    }

    private static EvaluationResult Divide(double x, double y)
    {
        if (y == 0)
        {
            return EvaluationResult.Fail("Cannot divide by 0.");
        }

        // Adaptive Expressions divides two integers as integers.
        var bothIntegers = x == Math.Floor(x) && y == Math.Floor(y);
        return EvaluationResult.Of(bothIntegers ? Math.Truncate(x / y) : x / y);
    }

    private EvaluationResult Concatenate(object? a, object? b)
    {
        var aMissing = TemplateValues.IsNullOrUndefined(a);
        var bMissing = TemplateValues.IsNullOrUndefined(b);
        if ((aMissing && b is double) || (bMissing && a is double))
        {
            return EvaluationResult.Fail($"{this}: '+' cannot add a number and null.");
        }

        var text = (aMissing ? string.Empty : TemplateValues.ToDisplayString(a)) + (bMissing ? string.Empty : TemplateValues.ToDisplayString(b));
        return EvaluationResult.Of(text);
    }
}

internal static class Logic
{
    public static EvaluationResult And(IEnumerable<TemplateExpression> operands, EvaluationScope scope)
    {
        foreach (var operand in operands)
        {
            var result = operand.Evaluate(scope, substituteMissing: false);
            if (result.Error is not null || !TemplateValues.IsLogicTrue(result.Value))
            {
                return EvaluationResult.Of(false);
            }
        }

        return EvaluationResult.Of(true);
    }

    /// <summary>True if an operand is true; otherwise, as in Adaptive Expressions, the last operand's own value.</summary>
    public static EvaluationResult Or(IEnumerable<TemplateExpression> operands, EvaluationScope scope)
    {
        object? last = false;
        foreach (var operand in operands)
        {
            var result = operand.Evaluate(scope, substituteMissing: false);
            if (result.Error is null && TemplateValues.IsLogicTrue(result.Value))
            {
                return EvaluationResult.Of(true);
            }

            last = result.Value;
        }

        return EvaluationResult.Of(last);
    }
}
