namespace PolicyBot.Core.Cards.Templating;

/// <summary>A template cannot be compiled: a bad expression or a construct the engine does not support.</summary>
public sealed class TemplateSyntaxException : Exception
{
    public TemplateSyntaxException()
    {
    }

    public TemplateSyntaxException(string message)
        : base(message)
    {
    }

    public TemplateSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where in the template the error is, as a JSON Pointer ("/body/3/text"), when known.</summary>
    public string? JsonPointer { get; init; }
}

/// <summary>A template cannot be expanded with the given data (for example a null joined into a string).</summary>
public sealed class TemplateExpansionException : Exception
{
    public TemplateExpansionException()
    {
    }

    public TemplateExpansionException(string message)
        : base(message)
    {
    }

    public TemplateExpansionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
