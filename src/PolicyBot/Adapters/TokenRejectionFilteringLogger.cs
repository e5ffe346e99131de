namespace PolicyBot.Adapters;

/// <summary>
/// The adapter's logger, less the SDK's own error line for a refused token: CloudAdapter logs every 401 as an
/// error, the exception's full text (stack trace included) as the message, while <see cref="ClientReusingBotFrameworkAuthentication"/> has already logged it
/// once, at Information, with the reason. Everything else passes through.
/// </summary>
internal sealed class TokenRejectionFilteringLogger(ILogger inner) : ILogger
{
    private static readonly string RefusedTokenPrefix = typeof(UnauthorizedAccessException).FullName + ":";

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (exception is UnauthorizedAccessException || (logLevel >= LogLevel.Error && formatter(state, exception).StartsWith(RefusedTokenPrefix, StringComparison.Ordinal)))
        {
            return;
        }

        inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
