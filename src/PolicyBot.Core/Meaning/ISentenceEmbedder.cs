namespace PolicyBot.Core.Meaning;

/// <summary>
/// Turns a sentence into a unit-length vector whose dot product with another is their similarity in meaning.
/// Implementations are deterministic (same text, same vector) and safe to call from several threads.
/// </summary>
public interface ISentenceEmbedder : IDisposable
{
    /// <summary>Names the model and its version: cached vectors are only reused for the same id.</summary>
    string ModelId { get; }

    int Dimensions { get; }

    float[] Embed(string text, CancellationToken cancellationToken);
}
