using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;
using YamlDotNet.Core;

namespace PolicyBot.Core.Knowledge;

/// <summary>The outcome of loading a knowledge folder: the snapshot when there were no errors, and every problem found.</summary>
public sealed record KnowledgeLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<ContentError> Problems)
{
    /// <summary>Every content owner's note (on obligations, changes and documents) with its file and line; never shown on a card.</summary>
    public IReadOnlyList<ContentNote> Notes { get; init; } = [];

    public IEnumerable<ContentError> Errors => Problems.Where(p => !p.IsWarning);

    public IEnumerable<ContentError> Warnings => Problems.Where(p => p.IsWarning);

    public bool Succeeded => Knowledge is not null;
}

/// <summary>
/// Loads the knowledge folder (index.yaml, one file per topic, facets.yaml, synonyms.yaml, out-of-scope.yaml, glossary.yaml) into an immutable
/// <see cref="KnowledgeBase"/>. Structure is checked against knowledge.schema.json, meaning by the semantic
/// checks here; any error refuses the whole load, so a half-broken edit never reaches users.
/// </summary>
public static class KnowledgeLoader
{
    public const string IndexFile = "index.yaml";
    public const string FacetsFile = "facets.yaml";
    public const string SynonymsFile = "synonyms.yaml";
    public const string OutOfScopeFile = "out-of-scope.yaml";
    public const string GlossaryFile = "glossary.yaml";
    public const string ContentRulesFile = "content-rules.yaml";
    public const string SchemaFile = "knowledge.schema.json";
    public const string RootId = "root";

    private static readonly string[] ReservedFiles = [IndexFile, FacetsFile, SynonymsFile, OutOfScopeFile, GlossaryFile, ContentRulesFile];

    public static KnowledgeLoadResult LoadDirectory(string directory) =>
        LoadDirectory(directory, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <param name="today">The date a checked date may not be after (a parameter so tests can pin it).</param>
    public static KnowledgeLoadResult LoadDirectory(string directory, DateOnly today)
    {
        var problems = new List<ContentError>();
        if (!Directory.Exists(directory))
        {
            problems.Add(new ContentError(directory, 0, string.Empty, "the knowledge folder does not exist"));
            return new KnowledgeLoadResult(null, problems);
        }

        var files = Directory.GetFiles(directory, "*.yaml").Concat(Directory.GetFiles(directory, "*.yml"))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var schema = LoadSchema(directory, problems);
        var context = new LoadContext(problems);

        var rules = ContentRules.None;
        if (context.ReadFile(directory, ContentRulesFile, required: false) is { } rulesDocument)
        {
            rules = ContentRulesReader.Read(rulesDocument, context);
        }
        else
        {
            context.Warning(ContentRulesFile, 0, string.Empty, "the file is missing: research wording and the URL allow-list are not checked");
        }

        var index = context.ReadFile(directory, IndexFile, required: true);
        if (index is not null)
        {
            SemanticChecks.CheckFile(index, rules, context, today);
        }

        var topicFiles = files.Where(f => !ReservedFiles.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        var topics = new List<KnowledgeNode>();
        foreach (var file in topicFiles)
        {
            var document = context.ReadFile(directory, file, required: true);
            if (document is null)
            {
                continue;
            }

            if (schema is not null && !context.CheckSchema(document, schema))
            {
                continue;
            }

            SemanticChecks.CheckFile(document, rules, context, today);

            var topic = TopicReader.Read(document, context);
            if (topic is not null)
            {
                topics.Add(topic);
            }
        }

        var root = index is null ? null : IndexReader.Read(index, topics, context);
        var facets = context.ReadFile(directory, FacetsFile, required: false) is { } facetsDocument ? FacetReader.Read(facetsDocument, context) : [];
        var synonyms = context.ReadFile(directory, SynonymsFile, required: false) is { } synonymsDocument ? SynonymReader.Read(synonymsDocument, context) : [];
        var outOfScope = context.ReadFile(directory, OutOfScopeFile, required: false) is { } outOfScopeDocument ? OutOfScopeReader.Read(outOfScopeDocument, context) : [];
        var glossary = context.ReadFile(directory, GlossaryFile, required: false) is { } glossaryDocument ? GlossaryReader.Read(glossaryDocument, context) : [];

        // Checks across files only make sense once every file reads: otherwise they repeat the first error many times.
        if (root is not null && !problems.Any(p => !p.IsWarning))
        {
            SemanticChecks.Run(root, context);
        }

        if (root is null || problems.Any(p => !p.IsWarning))
        {
            return new KnowledgeLoadResult(null, problems) { Notes = context.Notes };
        }

        return new KnowledgeLoadResult(new KnowledgeBase(root, facets, synonyms, ContentVersion(directory, files), outOfScope, glossary), problems) { Notes = context.Notes };
    }

    private static JsonSchema? LoadSchema(string directory, List<ContentError> problems)
    {
        var path = Path.Combine(directory, SchemaFile);
        if (!File.Exists(path))
        {
            problems.Add(new ContentError(SchemaFile, 0, string.Empty, "the schema of the topic files is missing from the knowledge folder"));
            return null;
        }

        try
        {
            return JsonSchema.FromText(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or JsonSchemaException or InvalidOperationException)
        {
            problems.Add(new ContentError(SchemaFile, 0, string.Empty, "the schema cannot be read: " + ex.Message));
            return null;
        }
    }

    private static string ContentVersion(string directory, IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(file));
            hash.AppendData(File.ReadAllBytes(Path.Combine(directory, file)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }
}

/// <summary>One parsed content file: its JSON form and the lines of its values.</summary>
internal sealed record ContentDocument(string File, JsonNode Root, YamlJsonReader Reader)
{
    public int LineOf(string pointer) => Reader.LineOf(pointer);
}

/// <summary>Collects problems while loading, and turns JSON pointers into readable field names.</summary>
internal sealed class LoadContext(List<ContentError> problems)
{
    public List<ContentError> Problems { get; } = problems;

    /// <summary>The content owner's notes met while reading, with their lines.</summary>
    public List<ContentNote> Notes { get; } = [];

    public ContentDocument? ReadFile(string directory, string file, bool required)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            if (required)
            {
                Problems.Add(new ContentError(file, 0, string.Empty, "the file is missing"));
            }

            return null;
        }

        try
        {
            var reader = YamlJsonReader.Read(File.ReadAllText(path));
            if (reader.Root is not JsonObject)
            {
                Problems.Add(new ContentError(file, 1, string.Empty, "the file must hold a YAML mapping (field: value lines)"));
                return null;
            }

            return new ContentDocument(file, reader.Root, reader);
        }
        catch (YamlException ex)
        {
            Problems.Add(new ContentError(file, (int)ex.Start.Line, string.Empty, "YAML syntax: " + (ex.InnerException?.Message ?? ex.Message)));
            return null;
        }
    }

    public bool CheckSchema(ContentDocument document, JsonSchema schema)
    {
        var result = schema.Evaluate(document.Root, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (result.IsValid)
        {
            return true;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        ReportFailures(document, result, reported);
        return false;
    }

    /// <summary>Walks only the failing branches, so a passing "not" or a sibling that passed adds no noise.</summary>
    private void ReportFailures(ContentDocument document, EvaluationResults result, HashSet<string> reported)
    {
        if (result.IsValid || reported.Count >= 20)
        {
            return;
        }

        var pointer = result.InstanceLocation.ToString();
        foreach (var (_, message) in result.Errors ?? new Dictionary<string, string>())
        {
            if (reported.Add(pointer + "|" + message))
            {
                // The schema says "additionalProperties: false"; say it the way a content owner understands.
                Error(document, pointer, message.Contains("false schema", StringComparison.Ordinal) ? "unknown field: check its spelling against knowledge/README.md" : message);
            }
        }

        foreach (var detail in result.Details)
        {
            ReportFailures(document, detail, reported);
        }
    }

    public void Error(ContentDocument document, string pointer, string message) =>
        Problems.Add(new ContentError(document.File, document.LineOf(pointer), FieldName(pointer), message));

    public void Warning(ContentDocument document, string pointer, string message) =>
        Problems.Add(new ContentError(document.File, document.LineOf(pointer), FieldName(pointer), message, IsWarning: true));

    public void Error(string file, int line, string field, string message) =>
        Problems.Add(new ContentError(file, line, field, message));

    public void Warning(string file, int line, string field, string message) =>
        Problems.Add(new ContentError(file, line, field, message, IsWarning: true));

    /// <summary>"/nodes/2/title" → "nodes[2].title".</summary>
    internal static string FieldName(string pointer)
    {
        var builder = new StringBuilder();
        foreach (var name in JsonPointer.Parse(pointer))
        {
            if (name.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(name).Append(']');
            }
            else
            {
                builder.Append(builder.Length > 0 ? "." : string.Empty).Append(name);
            }
        }

        return builder.ToString();
    }
}
