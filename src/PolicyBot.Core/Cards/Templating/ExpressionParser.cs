using System.Globalization;
using System.Text;

namespace PolicyBot.Core.Cards.Templating;

/// <summary>
/// Parses the Adaptive Expressions subset: literals, paths (a.b, a[0], a['k'], $root, $data, $index), !, unary -,
/// * / %, + -, == !=, &lt; &lt;= &gt; &gt;=, &amp;&amp;, || and the functions of <see cref="FunctionExpression"/>.
/// Precedence follows the Adaptive Expressions grammar (equality binds tighter than &lt; and &gt;).
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private int _position;

    private ExpressionParser(string text)
    {
        _text = text;
    }

    public static TemplateExpression Parse(string text)
    {
        var parser = new ExpressionParser(text);
        parser.SkipWhitespace();
        if (parser.AtEnd)
        {
            throw new TemplateSyntaxException("empty expression '${}'");
        }

        var expression = parser.ParseOr();
        parser.SkipWhitespace();
        if (!parser.AtEnd)
        {
            throw parser.Error($"unexpected '{parser._text[parser._position..]}'");
        }

        return expression;
    }

    private bool AtEnd => _position >= _text.Length;

    private TemplateExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryConsume("||"))
        {
            left = new BinaryExpression(BinaryOperator.Or, "||", left, ParseAnd());
        }

        return left;
    }

    private TemplateExpression ParseAnd()
    {
        var left = ParseRelational();
        while (TryConsume("&&"))
        {
            left = new BinaryExpression(BinaryOperator.And, "&&", left, ParseRelational());
        }

        return left;
    }

    private TemplateExpression ParseRelational()
    {
        var left = ParseEquality();
        while (true)
        {
            if (TryConsume("<="))
            {
                left = new BinaryExpression(BinaryOperator.LessOrEqual, "<=", left, ParseEquality());
            }
            else if (TryConsume(">="))
            {
                left = new BinaryExpression(BinaryOperator.GreaterOrEqual, ">=", left, ParseEquality());
            }
            else if (TryConsume("<"))
            {
                left = new BinaryExpression(BinaryOperator.Less, "<", left, ParseEquality());
            }
            else if (TryConsume(">"))
            {
                left = new BinaryExpression(BinaryOperator.Greater, ">", left, ParseEquality());
            }
            else
            {
                return left;
            }
        }
    }

    private TemplateExpression ParseEquality()
    {
        var left = ParseAdditive();
        while (true)
        {
            if (TryConsume("=="))
            {
                left = new BinaryExpression(BinaryOperator.Equal, "==", left, ParseAdditive());
            }
            else if (TryConsume("!=") || TryConsume("<>"))
            {
                left = new BinaryExpression(BinaryOperator.NotEqual, "!=", left, ParseAdditive());
            }
            else
            {
                return left;
            }
        }
    }

    private TemplateExpression ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            if (TryConsume("+"))
            {
                left = new BinaryExpression(BinaryOperator.Add, "+", left, ParseMultiplicative());
            }
            else if (TryConsume("-"))
            {
                left = new BinaryExpression(BinaryOperator.Subtract, "-", left, ParseMultiplicative());
            }
            else
            {
                return left;
            }
        }
    }

    private TemplateExpression ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            if (TryConsume("*"))
            {
                left = new BinaryExpression(BinaryOperator.Multiply, "*", left, ParseUnary());
            }
            else if (TryConsume("/"))
            {
                left = new BinaryExpression(BinaryOperator.Divide, "/", left, ParseUnary());
            }
            else if (TryConsume("%"))
            {
                left = new BinaryExpression(BinaryOperator.Modulo, "%", left, ParseUnary());
            }
            else
            {
                return left;
            }
        }
    }

    private TemplateExpression ParseUnary()
    {
        SkipWhitespace();
        if (Peek() == '!' && Peek(1) != '=')
        {
            _position++;
            return new NotExpression(ParseUnary());
        }

        if (Peek() == '-')
        {
            _position++;
            return new NegateExpression(ParseUnary());
        }

        if (Peek() == '+')
        {
            _position++;
            return ParseUnary();
        }

        return ParsePrimary();
    }

    private TemplateExpression ParsePrimary()
    {
        SkipWhitespace();
        var c = Peek();
        if (c == '(')
        {
            _position++;
            var inner = ParseOr();
            Expect(')');
            return inner;
        }

        if (c is '\'' or '"')
        {
            var start = _position;
            var text = ReadString();
            return new ConstantExpression(text, _text[start.._position]);
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (IsIdentifierStart(c))
        {
            var name = ReadIdentifier();
            SkipWhitespace();
            if (Peek() == '(')
            {
                _position++;
                return new FunctionExpression(name, ReadArguments());
            }

            switch (name)
            {
                case "true":
                    return new ConstantExpression(true, name);
                case "false":
                    return new ConstantExpression(false, name);
                case "null":
                    return new ConstantExpression(null, name);
                default:
                    break;
            }

            return ReadPath(name);
        }

        throw AtEnd ? Error("the expression ends too early") : Error($"unexpected '{c}'");
    }

    private List<TemplateExpression> ReadArguments()
    {
        var arguments = new List<TemplateExpression>();
        SkipWhitespace();
        if (TryConsume(")"))
        {
            return arguments;
        }

        do
        {
            arguments.Add(ParseOr());
        }
        while (TryConsume(","));

        Expect(')');
        return arguments;
    }

    private PathExpression ReadPath(string first)
    {
        var segments = new List<PathSegment> { new(first, null) };
        while (true)
        {
            if (Peek() == '.')
            {
                _position++;
                if (!IsIdentifierStart(Peek()))
                {
                    throw Error("a property name must follow '.'");
                }

                segments.Add(new PathSegment(ReadIdentifier(), null));
            }
            else if (Peek() == '[')
            {
                _position++;
                var index = ParseOr();
                Expect(']');
                segments.Add(new PathSegment(null, index));
            }
            else
            {
                return new PathExpression(segments);
            }
        }
    }

    private ConstantExpression ReadNumber()
    {
        var start = _position;
        while (char.IsAsciiDigit(Peek()))
        {
            _position++;
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _position++;
            while (char.IsAsciiDigit(Peek()))
            {
                _position++;
            }
        }

        var text = _text[start.._position];
        return new ConstantExpression(double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), text);
    }

    private string ReadString()
    {
        var quote = _text[_position++];
        var builder = new StringBuilder();
        while (!AtEnd)
        {
            var c = _text[_position++];
            if (c == quote)
            {
                return builder.ToString();
            }

            if (c == '\\' && !AtEnd)
            {
                var escaped = _text[_position++];
                builder.Append(escaped switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => escaped,
                });
                continue;
            }

            builder.Append(c);
        }

        throw Error("a string literal is not closed");
    }

    private string ReadIdentifier()
    {
        // Adaptive Expressions identifiers may contain '-' after the first character.
        var start = _position++;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek()) || Peek() is '_' or '-'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$' or '@' or '#';

    private void Expect(char expected)
    {
        SkipWhitespace();
        if (Peek() != expected)
        {
            throw AtEnd ? Error($"'{expected}' expected before the end") : Error($"'{expected}' expected, found '{Peek()}'");
        }

        _position++;
    }

    private bool TryConsume(string token)
    {
        SkipWhitespace();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) != 0)
        {
            return false;
        }

        _position += token.Length;
        return true;
    }

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private TemplateSyntaxException Error(string message) =>
        new($"{message} at character {_position + 1} of '${{{_text}}}'");
}
