namespace PolicyBot.Infrastructure;

/// <summary>The conversation store (for example Redis) cannot be reached; the turn gets a polite "try again".</summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
