using PolicyBot.Core.Matching;
using PolicyBot.Testing;
using Xunit.Abstractions;

namespace PolicyBot.Core.Tests.Matching;

/// <summary>
/// The stemmer against the Snowball project's English stemmer (npm snowball-stemmers, run by tests/js/stem.js) on
/// every word the bot meets: the knowledge base, the policy sources and the evaluation questions, read from those
/// files at test time.
/// </summary>
public sealed class EnglishStemmerReferenceTests(ITestOutputHelper output)
{
    /// <summary>
    /// Endings that every word is also tried with, so that each rule of the algorithm meets many stems, not only the few
    /// words of the texts that end in it ("protection" → "protectional", "protectionalism", ...).
    /// </summary>
    private static readonly string[] Endings =
    [
        "s", "es", "ies", "ed", "ied", "eed", "ing", "ingly", "edly", "eedly", "ly", "li", "y", "e", "er", "ers", "al", "ally",
        "ance", "ence", "ent", "ently", "ant", "ment", "ement", "able", "ible", "ably", "ability", "ic", "ical", "ically",
        "ism", "ist", "ate", "ation", "ational", "ative", "ator", "ize", "izer", "ization", "ive", "ively", "iveness", "ivity",
        "ous", "ously", "ousness", "ful", "fully", "fulness", "less", "lessly", "ness", "ity", "iti", "ogy", "ogi", "ion",
        "tion", "sion", "ll", "ss", "us", "yed", "ying",
    ];

    [Fact]
    public void Stems_every_word_of_the_knowledge_the_sources_and_the_questions_as_the_snowball_reference_does()
    {
        var vocabulary = Vocabulary();
        Assert.True(vocabulary.Count > 1500, $"only {vocabulary.Count} words: are knowledge/ and shared/ there?");
        var words = vocabulary.Concat(vocabulary.SelectMany(word => Endings.Select(ending => word + ending))).Distinct(StringComparer.Ordinal).ToList();

        var reference = NodeScript.Run("stem.js", "snowball-stemmers", string.Concat(words.Select(w => w + "\n")))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(words.Count, reference.Length);

        var differences = words
            .Select((word, i) => (Word: word, Ours: Porter2(word), Reference: reference[i]))
            .Where(d => d.Ours != d.Reference)
            .ToList();
        output.WriteLine($"{vocabulary.Count} words and {words.Count - vocabulary.Count} derived forms, {differences.Count} stemmed differently");
        Assert.True(differences.Count == 0, $"{differences.Count} differences:" + Environment.NewLine + string.Join(Environment.NewLine, differences.Take(300).Select(d => $"{d.Word}: {d.Ours}, reference {d.Reference}")));
    }

    /// <summary>
    /// The distinct words of three or more ASCII letters, as the matcher sees them (normalised): words with digits or
    /// accents are not stemmed (<see cref="EnglishStemmer.Stem(Span{char})"/>), and shorter ones are left as they are.
    /// </summary>
    private static List<string> Vocabulary()
    {
        var files = Directory.GetFiles(RepoPaths.Knowledge, "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Shared, "sources"), "*.md"))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Shared, "eval"), "*.jsonl"));
        return files
            .SelectMany(file => TextNormalizer.Normalize(File.ReadAllText(file)).Split(' '))
            .Where(word => word.Length >= 3 && word.Length <= MatcherIndex.MaxTokenLength && word.All(c => c is >= 'a' and <= 'z'))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The Porter2 part of the stemmer, without the British-to-American respelling that the reference does not have.</summary>
    private static string Porter2(string word)
    {
        var buffer = word.ToCharArray();
        return new string(buffer, 0, EnglishStemmer.Porter2(buffer));
    }
}
