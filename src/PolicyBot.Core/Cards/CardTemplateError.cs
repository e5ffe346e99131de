namespace PolicyBot.Core.Cards;

/// <summary>What is wrong with a template file, and where: line and column (1-based) and the JSON Pointer when known.</summary>
public sealed record CardTemplateError(string File, string Message, long? Line = null, long? Column = null, string? JsonPointer = null)
{
    public override string ToString()
    {
        var where = File;
        if (Line is not null)
        {
            where += $":{Line}" + (Column is not null ? $":{Column}" : string.Empty);
        }

        if (JsonPointer is not null)
        {
            where += $" ({JsonPointer})";
        }

        return $"{where}: {Message}";
    }
}

/// <summary>The card templates cannot be loaded; <see cref="Errors"/> names every problem found.</summary>
public sealed class CardTemplateException : Exception
{
    public CardTemplateException()
        : this([])
    {
    }

    public CardTemplateException(string message)
        : base(message)
    {
        Errors = [];
    }

    public CardTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public CardTemplateException(IReadOnlyList<CardTemplateError> errors)
        : base("The card templates are broken:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<CardTemplateError> Errors { get; }
}
