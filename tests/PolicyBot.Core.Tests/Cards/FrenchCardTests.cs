using System.Text.Json.Nodes;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Matching;

namespace PolicyBot.Core.Tests.Cards;

/// <summary>Cards in French: one template, the French texts of cards/strings/fr.json, French dates and content.</summary>
public sealed class FrenchCardTests
{
    private const string Nbsp = "\u00a0";

    private static readonly SourceDocument FrenchPolicy = new(
        "poc-policy", "NATO Policy for the Protection of Civilians", "NATO Heads of State and Government", "2016-07-09",
        new Uri("https://www.nato.int/cps/en/natohq/official_texts_133945.htm"))
    {
        Translations = new Dictionary<string, DocumentTranslation>
        {
            ["fr"] = new("Politique OTAN de protection des civils", "Chefs d'État et de gouvernement", new Uri("https://www.nato.int/cps/en/natohq/official_texts_133945.htm?selectedLocale=fr")),
        },
    };

    private static readonly SourceDocument EnglishOnly = new(
        "vilnius-2023", "NATO Policy on Countering Trafficking", "NATO", "2023-07-12", new Uri("https://www.nato.int/cps/en/natohq/official_texts_71856.htm"));

    private static readonly SourceDocument TitledOnly = new(
        "hs-topic-page", "Human Security (NATO topic page)", "NATO", "2022-06", new Uri("https://www.nato.int/cps/en/natohq/topics_181779.htm"))
    {
        Translations = new Dictionary<string, DocumentTranslation> { ["fr"] = new("Sécurité humaine", null, null) },
    };

    private readonly CardRenderer _renderer = CardTestContext.Renderer();

    private static LocalizedText Text(string english, string french) => new(new Dictionary<string, string> { ["en"] = english, ["fr"] = french });

    private static KnowledgeBase Knowledge(TranslationSource? translated = null)
    {
        var topic = new KnowledgeNode
        {
            Id = "protection-of-civilians",
            TopicId = "protection-of-civilians",
            Facet = Facet.Overview,
            Order = 1,
            Title = Text("Protection of Civilians", "Protection des civils"),
            Status = Text("Endorsed at the 2016 Warsaw Summit", "Entérinée au sommet de Varsovie en 2016"),
            Summary = Text("NATO protects civilians.", "L'OTAN protège les civils."),
            Checked = new DateOnly(2026, 11, 12),
            Translations = translated is { } source ? new Dictionary<string, TranslationSource> { ["fr"] = source } : new Dictionary<string, TranslationSource>(),
            Obligations =
            [
                new Obligation(Text("Planners", "Les planificateurs"), Text("Analyse threats.", "Analyser les menaces."), FrenchPolicy, Text("para 16", "paragraphe 16")),
                new Obligation(Text("Commanders", "Les commandants"), Text("Report harm.", "Signaler les dommages."), FrenchPolicy, Text("NATO PoC Policy (2016 text)", "Politique OTAN de protection des civils (texte de 2016)")),
            ],
            Changes =
            [
                new ChangeNote("2022-06", Text("The Strategic Concept.", "Le concept stratégique."), TitledOnly),
                new ChangeNote("2023-07-12", Text("Updated at Vilnius.", "Mise à jour à Vilnius."), EnglishOnly),
            ],
            Sources = [FrenchPolicy, EnglishOnly, TitledOnly],
        };
        var scope = new KnowledgeNode
        {
            Id = "protection-of-civilians.scope",
            TopicId = "protection-of-civilians",
            Facet = Facet.Scope,
            Title = Text("Who the PoC policy applies to", "À qui s'applique la politique de protection des civils"),
            Summary = Text("NATO and partners.", "L'OTAN et ses partenaires."),
        };
        TestKnowledge.Link(topic, [scope]);
        var root = new KnowledgeNode
        {
            Id = "root",
            TopicId = "root",
            Facet = Facet.Overview,
            Title = Text("NATO Human Security", "Sécurité humaine à l'OTAN"),
            Summary = Text("PolicyBot answers questions.", "PolicyBot répond aux questions."),
        };
        TestKnowledge.Link(root, [topic]);
        return new KnowledgeBase(root, [], [], "test-fr");
    }

    private ReplyMessage Render(DialogReply reply, KnowledgeBase? knowledge = null) => _renderer.Render(reply with { Language = "fr" }, knowledge ?? Knowledge());

    private static List<string> Texts(ReplyMessage message) =>
        [.. CardTestContext.Descendants(JsonNode.Parse(message.CardJson!)).OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "TextBlock").Select(o => o["text"]!.GetValue<string>())];

    private static List<string> Titles(ReplyMessage message, string type) =>
        [.. CardTestContext.Actions(JsonNode.Parse(message.CardJson!)!, type).Select(a => a["title"]!.GetValue<string>())];

    [Fact]
    public void A_French_topic_card_has_French_content_texts_and_dates()
    {
        var knowledge = Knowledge();
        var message = Render(new DialogReply(ReplyKind.Node) { Node = knowledge.Topics[0] }, knowledge);
        var texts = Texts(message);

        Assert.Equal("Protection des civils", texts[0]);
        Assert.Contains($"Entérinée au sommet de Varsovie en 2016 · Vérifié au regard des sources de l'OTAN{Nbsp}: 12 nov. 2026", texts);
        Assert.Contains("L'OTAN protège les civils.", texts);
        Assert.Contains("**Les planificateurs** → Analyser les menaces.", texts);
        Assert.Contains("Sources", texts);
        Assert.Contains($"**Dernière évolution{Nbsp}:** 12 juil. 2023 – Mise à jour à Vilnius.", texts);
        Assert.Contains($"**juin 2022{Nbsp}:** Le concept stratégique.", texts);
        Assert.Contains("▸ Qui doit faire quoi (2)", Titles(message, "Action.ToggleVisibility"));
        Assert.Contains(["👍 Utile", "👎 Pas utile", "◀ Retour", "☰ Sujets"], t => Titles(message, "Action.Submit").Contains(t));
        Assert.DoesNotContain("Checked against", message.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Who must", message.CardJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_link_the_French_page_when_there_is_one_and_else_say_the_page_is_in_English()
    {
        var knowledge = Knowledge();
        var message = Render(new DialogReply(ReplyKind.Node) { Node = knowledge.Topics[0] }, knowledge);
        var links = CardTestContext.Actions(JsonNode.Parse(message.CardJson!)!, "Action.OpenUrl")
            .ToDictionary(a => a["title"]!.GetValue<string>(), a => a["url"]!.GetValue<string>());

        Assert.Equal("https://www.nato.int/cps/en/natohq/official_texts_133945.htm?selectedLocale=fr", links["Politique OTAN de protection des civils"]);
        Assert.Equal("https://www.nato.int/cps/en/natohq/official_texts_71856.htm", links["NATO Policy on Countering Trafficking (en anglais)"]);
        Assert.Equal("https://www.nato.int/cps/en/natohq/topics_181779.htm", links["Sécurité humaine (en anglais)"]);
        Assert.Contains($"- Politique OTAN de protection des civils{Nbsp}: https://www.nato.int/cps/en/natohq/official_texts_133945.htm?selectedLocale=fr", message.Text, StringComparison.Ordinal);
        Assert.Contains("Politique OTAN de protection des civils, paragraphe 16", Texts(message));

        // A reference that begins with the document's title is not preceded by it again.
        Assert.Contains("(Politique OTAN de protection des civils (texte de 2016))", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("civils, Politique OTAN", message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TranslationSource.TranslatedFromEnglish, "Traduit de l'anglais")]
    [InlineData(TranslationSource.PartlyTranslatedFromEnglish, "Partiellement traduit de l'anglais")]
    public void A_translated_topic_says_so_on_its_French_cards(TranslationSource source, string note)
    {
        var knowledge = Knowledge(source);
        foreach (var node in new[] { knowledge.Topics[0], knowledge.Topics[0].Children[0] })
        {
            var message = Render(new DialogReply(ReplyKind.Node) { Node = node }, knowledge);
            Assert.Contains(note, Texts(message));
            Assert.Contains(note, message.Text, StringComparison.Ordinal);
        }

        var english = _renderer.Render(new DialogReply(ReplyKind.Node) { Node = knowledge.Topics[0] }, knowledge);
        Assert.DoesNotContain("anglais", english.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain("Translated", english.CardJson, StringComparison.Ordinal);
    }

    [Fact]
    public void A_topic_from_NATOs_French_pages_carries_no_translation_note()
    {
        var message = Render(new DialogReply(ReplyKind.Node) { Node = Knowledge(TranslationSource.Official).Topics[0] });
        Assert.DoesNotContain("Traduit", message.CardJson, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_text_is_in_French()
    {
        var knowledge = Knowledge();
        var node = Render(new DialogReply(ReplyKind.Node) { Node = knowledge.Topics[0] }, knowledge).Text;
        Assert.Contains($"Qui doit faire quoi{Nbsp}:", node, StringComparison.Ordinal);
        Assert.Contains($"Dernière évolution{Nbsp}: 12 juil. 2023", node, StringComparison.Ordinal);
        Assert.Contains($"Plus sur ce sujet (tapez un numéro){Nbsp}:", node, StringComparison.Ordinal);

        // The default contact is said in the reply's language; a configured one is shown as configured.
        var fallback = CardTestContext.Renderer(new CardRendererOptions()).Render(new DialogReply(ReplyKind.Fallback) { EchoedText = "résultats du football", OfferContact = true, Language = "fr" }, knowledge);
        Assert.StartsWith($"Je n'ai rien trouvé sur «{Nbsp}résultats du football{Nbsp}».", fallback.Text, StringComparison.Ordinal);
        Assert.Contains("le point de contact Sécurité humaine de votre organisation", fallback.Text, StringComparison.Ordinal);
        Assert.Contains($"Je n'ai rien trouvé sur «{Nbsp}résultats du football{Nbsp}».", Texts(fallback));
        Assert.StartsWith("Je n'ai rien trouvé", JsonNode.Parse(fallback.CardJson!)!["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);

        var help = Render(new DialogReply(ReplyKind.Help), knowledge);
        Assert.StartsWith("Comment interroger PolicyBot", help.Text, StringComparison.Ordinal);
        Assert.StartsWith("Merci", Render(new DialogReply(ReplyKind.FeedbackThanks) { FeedbackRating = "up" }, knowledge).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Welcome_and_help_offer_both_languages_each_in_its_own()
    {
        foreach (var kind in new[] { ReplyKind.Welcome, ReplyKind.Help })
        {
            foreach (var language in new[] { "en", "fr" })
            {
                var card = JsonNode.Parse(_renderer.Render(new DialogReply(kind) { Language = language }, Knowledge()).CardJson!)!;
                var switches = CardTestContext.Actions(card, "Action.Submit").Where(a => a["data"]!["action"]!.GetValue<string>() == SubmitActions.Language).ToList();

                Assert.Equal(["English", "Français"], switches.Select(a => a["title"]!.GetValue<string>()));
                Assert.Equal(["en", "fr"], switches.Select(a => a["data"]!["value"]!.GetValue<string>()));
                Assert.Equal(["en", "fr"], switches.Select(a => a["data"]!["msteams"]!["value"]!["value"]!.GetValue<string>()));
            }
        }
    }

    [Fact]
    public void The_welcome_card_is_in_French_with_the_French_root()
    {
        var message = Render(new DialogReply(ReplyKind.Welcome));
        var texts = Texts(message);

        Assert.Equal("Bienvenue dans PolicyBot", texts[0]);
        Assert.Contains("Sécurité humaine à l'OTAN", texts);
        Assert.Contains("PolicyBot répond aux questions.", texts);
        Assert.Contains("1. Protection des civils", Titles(message, "Action.Submit"));
        Assert.Contains("❔ Comment poser une question", Titles(message, "Action.Submit"));
        Assert.StartsWith("Bienvenue dans PolicyBot.", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Matched_terms_are_quoted_the_French_way()
    {
        var knowledge = Knowledge();
        var match = new MatchResult(MatchOutcome.Answer, knowledge.Topics[0], null, 10, 0.9, ["civils"], []);
        var message = Render(new DialogReply(ReplyKind.Node) { Node = knowledge.Topics[0], Match = match }, knowledge);
        Assert.Contains($"Trouvé grâce à «{Nbsp}civils{Nbsp}»", Texts(message));
    }

    [Fact]
    public void Whats_new_is_in_French()
    {
        var knowledge = Knowledge();
        var message = Render(new DialogReply(ReplyKind.WhatsNew) { Node = knowledge.Root, WhatsNew = new WhatsNewRequest(2022, Since: true) }, knowledge);
        var texts = Texts(message);

        Assert.Equal("Ce qui a changé depuis 2022", texts[0]);
        Assert.Contains("**12 juil. 2023** · Mise à jour à Vilnius.", texts);
        Assert.Contains($"Source{Nbsp}: [NATO Policy on Countering Trafficking (en anglais)](https://www.nato.int/cps/en/natohq/official_texts_71856.htm)", texts);
    }

    [Fact]
    public void A_language_without_a_file_gets_English_cards()
    {
        var message = _renderer.Render(new DialogReply(ReplyKind.Menu) { Language = "de" }, Knowledge());
        Assert.Equal("Topics", Texts(message)[0]);
    }
}
