using System.Security.Cryptography;
using System.Text;

namespace PolicyBot.Core.Meaning;

/// <summary>
/// Vectors of the knowledge texts on disk, one file per model, keyed by a hash of each text: a restart, or a
/// reload that changed a few examples, embeds only the texts it has not seen. A missing, foreign or damaged file
/// is simply rebuilt; the cache can never change an outcome, only how long an index build takes.
/// </summary>
public sealed class EmbeddingCache
{
    private const string Magic = "PolicyBot.EmbeddingCache/1";

    private readonly string _path;
    private readonly string _modelId;
    private readonly int _dimensions;

    public EmbeddingCache(string directory, string modelId, int dimensions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _modelId = modelId;
        _dimensions = dimensions;
        var safeName = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelId)))[..16];
        _path = Path.Combine(directory, $"vectors-{safeName}.bin");
    }

    public string FilePath => _path;

    public static string KeyOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The cached vectors, or none when the file is missing, for another model, or unreadable.</summary>
    public Dictionary<string, float[]> Load()
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(_path))
        {
            return vectors;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(_path), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != _modelId || reader.ReadInt32() != _dimensions)
            {
                return vectors;
            }

            var count = reader.ReadInt32();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var vector = new float[_dimensions];
                for (var d = 0; d < _dimensions; d++)
                {
                    vector[d] = reader.ReadSingle();
                }

                vectors[key] = vector;
            }

            return vectors;
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return new Dictionary<string, float[]>(StringComparer.Ordinal);
        }
    }

    /// <summary>Writes exactly these vectors (a file for the current content, not every text ever seen), atomically.</summary>
    public void Save(IReadOnlyDictionary<string, float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(_modelId);
            writer.Write(_dimensions);
            writer.Write(vectors.Count);
            foreach (var (key, vector) in vectors.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.Write(key);
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
