using System.Text.Json.Nodes;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Cards.Templating;
using PolicyBot.Core.Dialog;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>
/// The templates of cards/ expanded by this engine and by the official JavaScript library (tests/js/expand.js)
/// must give the same JSON: for the samples content owners preview in the Designer, and for the data the
/// renderer builds from every real node and every kind of reply.
/// </summary>
public sealed class CardConformanceTests
{
    [Fact]
    public void Every_template_has_a_sample_that_expands_to_a_valid_card()
    {
        foreach (var name in CardTemplateNames.Required)
        {
            var card = CardTestContext.Store.Get(name).Expand(Sample(name))!;
            AdaptiveCardSchema.AssertValid(CardRenderer.Serialize(card));
            Assert.DoesNotContain("${", card.ToJsonString(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Rewrites cards/samples/node.data.json from today's content (the PoC obligations card), so the Designer shows
    /// current text: run with POLICYBOT_WRITE_SAMPLES=1 after a content change.
    /// </summary>
    [Fact]
    public void The_node_sample_can_be_refreshed_from_the_real_content()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var node = knowledge.Find("protection-of-civilians.obligations")!;
        var model = CardTestContext.Renderer().BuildModel(new PolicyBot.Core.Dialog.DialogReply(PolicyBot.Core.Dialog.ReplyKind.Node) { Node = node, Options = PolicyBot.Core.Dialog.DialogEngine.OptionsUnder(node, knowledge) }, knowledge);
        Assert.Equal(CardTemplateNames.Node, model.TemplateName);
        if (Environment.GetEnvironmentVariable("POLICYBOT_WRITE_SAMPLES") == "1")
        {
            File.WriteAllText(Path.Combine(RepoPaths.Cards, "samples", "node.data.json"), model.Data.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
    }

    [Fact]
    public void The_samples_have_the_fields_the_renderer_gives_each_template()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var renderer = CardTestContext.Renderer();
        var shapes = CardTestContext.EveryReply(knowledge)
            .Select(r => renderer.BuildModel(r.Reply, knowledge))
            .Concat(ShareModels(knowledge))
            .Where(m => m.TemplateName is not null)
            .GroupBy(m => m.TemplateName!)
            .ToDictionary(g => g.Key, g => g.Select(m => Shape(m.Data)).Distinct().ToList());

        foreach (var name in CardTemplateNames.Required)
        {
            Assert.Contains(Shape(Sample(name)), shapes[name]);
        }
    }

    [Fact]
    public void Samples_expand_exactly_as_with_the_official_library()
    {
        var jobs = CardTemplateNames.Required.Select(name => (Name: name, Template: Template(name), Data: Sample(name))).ToList();
        AssertSameAsOfficial(jobs);
    }

    [Fact]
    public void Cards_for_every_real_node_and_reply_expand_exactly_as_with_the_official_library()
    {
        var knowledge = CardRendererTests.RealKnowledge();
        var renderer = CardTestContext.Renderer();
        var replies = PolicyBot.Core.Language.Languages.Supported
            .SelectMany(language => knowledge.NodesById.Values.Select(n => ($"node {n.Id} {language}", new DialogReply(ReplyKind.Node) { Node = n, Options = DialogEngine.OptionsUnder(n, knowledge), Language = language })))
            .Concat(CardTestContext.EveryReply(knowledge))
            .Append(("escaping", new DialogReply(ReplyKind.Fallback) { EchoedText = "**x** [a](b) <b>c</b> _d_ \\ ${name} `e`", OfferContact = true }));
        var jobs = replies
            .Select(r => (r.Item1, Model: renderer.BuildModel(r.Item2, knowledge)))
            .Concat(ShareModels(knowledge).Select(m => ("share " + m.Data["id"], Model: m)))
            .Where(r => r.Model.TemplateName is not null)
            .Select(r => (r.Item1, Template(r.Model.TemplateName!), (JsonNode)r.Model.Data))
            .ToList();
        Assert.True(jobs.Count > 40, $"only {jobs.Count} cards");
        AssertSameAsOfficial(jobs);
    }

    private static void AssertSameAsOfficial(List<(string Name, JsonNode Template, JsonNode Data)> jobs)
    {
        var official = OfficialTemplating.Expand([.. jobs.Select(j => (j.Template, (JsonNode?)j.Data))]);
        var failures = new List<string>();
        for (var i = 0; i < jobs.Count; i++)
        {
            var ours = CanonicalJson.Of(CardTemplate.Compile(jobs[i].Name, jobs[i].Template).Expand(jobs[i].Data));
            var theirs = official[i].Error is { } error ? "error: " + error : CanonicalJson.Of(official[i].Card);
            if (ours != theirs)
            {
                failures.Add($"{jobs[i].Name}:\n  official: {theirs}\n  ours:     {ours}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The shareable card of every real node in every language, with and without its link to the bot.</summary>
    private static IEnumerable<CardModel> ShareModels(PolicyBot.Core.Knowledge.KnowledgeBase knowledge) =>
        knowledge.NodesById.Values
            .Where(n => !n.IsRoot)
            .SelectMany(n => PolicyBot.Core.Language.Languages.Supported.Select(CardTestContext.Store.Strings.For)
                .SelectMany(t => new[] { CardModelBuilder.Share(n, knowledge, t, "https://teams.microsoft.com/l/chat/0/0?users=28:bot"), CardModelBuilder.Share(n, knowledge, t, string.Empty) }));

    private static JsonNode Template(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Cards, name + ".json")))!;

    private static JsonNode Sample(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Cards, "samples", name + ".data.json")))!;

    /// <summary>The field names of a data object, recursively (the first item stands for an array).</summary>
    private static string Shape(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Shape(p.Value))) + "}",
        JsonArray array => "[" + (array.Count > 0 ? Shape(array[0]) : string.Empty) + "]",
        JsonValue value => value.GetValueKind().ToString(),
        _ => "null",
    };
}
