using System.Text.Json;

namespace PolicyBot.LoadTest;

/// <summary>The turn texts: the "q" field of each line of a JSON Lines evaluation file.</summary>
internal static class QuestionSet
{
    public static IReadOnlyList<string> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The questions file {path} does not exist (give another with --questions).", path);
        }

        var questions = new List<string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            questions.Add(ReadQuestion(line, $"{path}:{lineNumber}"));
        }

        return questions.Count > 0 ? questions : throw new InvalidDataException($"{path}: no questions in the file.");
    }

    internal static string ReadQuestion(string line, string where)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("q", out var q)
                && q.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(q.GetString()))
            {
                return q.GetString()!;
            }

            throw new InvalidDataException($"{where}: expected an object with a non-empty string \"q\".");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{where}: not valid JSON ({ex.Message})", ex);
        }
    }
}
