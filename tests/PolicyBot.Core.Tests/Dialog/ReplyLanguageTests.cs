using Moq;
using PolicyBot.Core.Dialog;
using PolicyBot.Core.Knowledge;
using PolicyBot.Core.Language;
using PolicyBot.Core.Matching;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Dialog;

/// <summary>Which language a reply is in: the message's, the conversation's, a command's, the locale's, English.</summary>
public sealed class ReplyLanguageTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeLoader.LoadDirectory(RepoPaths.Knowledge).Knowledge!;
    private static readonly LanguageDetector Detector = LanguageDetector.FunctionWordsOnly;
    private readonly Mock<IQuestionMatcher> _matcher = new(MockBehavior.Strict);
    private readonly DialogEngine _engine;

    public ReplyLanguageTests() => _engine = new DialogEngine(_matcher.Object);

    private static string Choose(string text, string? conversation = null, string? locale = null) =>
        ReplyLanguage.Choose(UserInput.FromText(text) with { Locale = locale }, new DialogContext { Language = conversation }, Detector);

    [Theory]
    [InlineData("Que doivent faire les commandants pour les civils ?", "en", "en-US", "fr")]
    [InlineData("What does the policy say about children?", "fr", "fr-FR", "en")]
    public void A_clear_message_decides_whatever_the_conversation_and_locale(string text, string conversation, string locale, string expected) =>
        Assert.Equal(expected, Choose(text, conversation, locale));

    [Theory]
    [InlineData("1")]
    [InlineData("merci")]
    [InlineData("more")]
    [InlineData("plus")]
    [InlineData("PoC?")]
    [InlineData("aide")]
    [InlineData("help")]
    public void A_short_reply_keeps_the_conversations_language(string text)
    {
        Assert.Equal("fr", Choose(text, conversation: "fr", locale: "en-US"));
        Assert.Equal("en", Choose(text, conversation: "en", locale: "fr-FR"));
    }

    [Theory]
    [InlineData("aide", "fr")]
    [InlineData("retour", "fr")]
    [InlineData("recommencer", "fr")]
    [InlineData("help", "en")]
    public void With_no_conversation_language_a_command_word_tells(string text, string expected) =>
        Assert.Equal(expected, Choose(text, conversation: null, locale: expected == "fr" ? "en-US" : "fr-FR"));

    [Theory]
    [InlineData("fr-FR", "fr")]
    [InlineData("fr-CA", "fr")]
    [InlineData("en-GB", "en")]
    [InlineData("de-DE", "en")]
    [InlineData(null, "en")]
    public void An_unclear_first_message_follows_the_locale_then_English(string? locale, string expected) =>
        Assert.Equal(expected, Choose("PoC?", conversation: null, locale));

    [Theory]
    [InlineData("english", "fr", "en")]
    [InlineData("Français", "en", "fr")]
    [InlineData("francais", "en", "fr")]
    [InlineData("en français", "en", "fr")]
    [InlineData("In English", "fr", "en")]
    public void A_typed_switch_decides(string text, string conversation, string expected) =>
        Assert.Equal(expected, Choose(text, conversation, locale: conversation));

    [Fact]
    public void A_switch_button_decides_and_other_clicks_keep_the_conversations_language()
    {
        var french = new DialogContext { Language = "fr" };
        Assert.Equal("en", ReplyLanguage.Choose(UserInput.FromSubmit(SubmitActions.Language, null, "en"), french, Detector));
        Assert.Equal("fr", ReplyLanguage.Choose(UserInput.FromSubmit(SubmitActions.Node, "human-security") with { Locale = "en-US" }, french, Detector));
        Assert.Equal("fr", ReplyLanguage.Choose(UserInput.FromSubmit(SubmitActions.Language, null, "de"), french, Detector));
    }

    [Fact]
    public void A_welcome_follows_the_locale()
    {
        Assert.Equal("fr", ReplyLanguage.Choose(UserInput.Welcome with { Locale = "fr-FR" }, new DialogContext { Language = "en" }, Detector));
        Assert.Equal("en", ReplyLanguage.Choose(UserInput.Welcome, DialogContext.Start, Detector));
    }

    [Fact]
    public void The_language_goes_to_the_matcher_the_reply_and_the_context()
    {
        const string question = "Que doivent faire les commandants pour les civils ?";
        var node = Knowledge.Find("protection-of-civilians")!;
        _matcher.Setup(m => m.Match(question, Knowledge, "fr")).Returns(new MatchResult(MatchOutcome.Answer, node, null, 12, 0.9, ["civils"], []));

        var turn = _engine.Respond(UserInput.FromText(question), new DialogContext { Language = "en" }, Knowledge);

        Assert.Equal("protection-of-civilians", turn.Reply.Node!.Id);
        Assert.Equal("fr", turn.Reply.Language);
        Assert.Equal("fr", turn.Context.Language);
    }

    [Theory]
    [InlineData("recommencer")]
    [InlineData("start over")]
    [InlineData("back")]
    public void Starting_over_and_going_back_to_the_menu_keep_the_language(string text)
    {
        var turn = _engine.Respond(UserInput.FromText(text), new DialogContext { CurrentNodeId = "human-security", Language = "fr" }, Knowledge);

        Assert.Equal(ReplyKind.Menu, turn.Reply.Kind);
        Assert.Null(turn.Context.CurrentNodeId);
        Assert.Equal("fr", turn.Context.Language);
        Assert.Equal("fr", turn.Reply.Language);
    }

    [Fact]
    public void The_welcome_is_in_the_locales_language_and_starts_the_conversation_in_it()
    {
        var turn = _engine.Respond(UserInput.Welcome with { Locale = "fr-BE" }, DialogContext.Start, Knowledge);

        Assert.Equal(ReplyKind.Welcome, turn.Reply.Kind);
        Assert.Equal("fr", turn.Reply.Language);
        Assert.Equal("fr", turn.Context.Language);
    }

    [Fact]
    public void Switching_shows_what_was_on_screen_again_in_the_new_language()
    {
        var context = new DialogContext { CurrentNodeId = "women-peace-security.scope", History = ["women-peace-security"], Language = "en" };

        var turn = _engine.Respond(UserInput.FromSubmit(SubmitActions.Language, null, "fr"), context, Knowledge);

        Assert.Equal(ReplyKind.Node, turn.Reply.Kind);
        Assert.Equal("women-peace-security.scope", turn.Reply.Node!.Id);
        Assert.Equal("fr", turn.Reply.Language);
        Assert.Equal(["women-peace-security"], turn.Context.History);
        _matcher.VerifyNoOtherCalls();
    }

    [Fact]
    public void Switching_at_the_start_shows_the_welcome_in_the_new_language()
    {
        var turn = _engine.Respond(UserInput.FromText("Français"), new DialogContext { Language = "en" }, Knowledge);

        Assert.Equal(ReplyKind.Welcome, turn.Reply.Kind);
        Assert.Equal("fr", turn.Reply.Language);
        Assert.Equal("fr", turn.Context.Language);
        Assert.Equal(Knowledge.Topics.Select(t => t.Id), turn.Context.OfferedNodeIds);
    }

    [Theory]
    [InlineData("aide", ReplyKind.Help)]
    [InlineData("Aide !", ReplyKind.Help)]
    [InlineData("sujets", ReplyKind.Menu)]
    [InlineData("Thèmes", ReplyKind.Menu)]
    [InlineData("menu principal", ReplyKind.Menu)]
    [InlineData("recommencer", ReplyKind.Menu)]
    [InlineData("bonjour", ReplyKind.Menu)]
    public void French_commands_work(string text, ReplyKind expected)
    {
        var turn = _engine.Respond(UserInput.FromText(text), new DialogContext { CurrentNodeId = "human-security" }, Knowledge);
        Assert.Equal(expected, turn.Reply.Kind);
        Assert.Equal("fr", turn.Reply.Language);
    }

    [Theory]
    [InlineData("retour", "human-security")]
    [InlineData("Précédent", "human-security")]
    [InlineData("plus", "women-peace-security.obligations")]
    [InlineData("la suite", "women-peace-security.obligations")]
    [InlineData("sources", "women-peace-security.documents")]
    [InlineData("liens", "women-peace-security.documents")]
    public void French_navigation_moves_like_the_English(string text, string expected)
    {
        var context = new DialogContext { CurrentNodeId = "women-peace-security", History = ["human-security"], Language = "fr" };
        Assert.Equal(expected, _engine.Respond(UserInput.FromText(text), context, Knowledge).Reply.Node!.Id);
    }

    [Theory]
    [InlineData("numéro 2")]
    [InlineData("n° 2")]
    [InlineData("2")]
    public void A_number_picks_in_French_too(string text)
    {
        var menu = _engine.Respond(UserInput.FromText("sujets"), DialogContext.Start, Knowledge).Context;
        Assert.Equal(Knowledge.Topics[1].Id, _engine.Respond(UserInput.FromText(text), menu, Knowledge).Reply.Node!.Id);
    }
}
