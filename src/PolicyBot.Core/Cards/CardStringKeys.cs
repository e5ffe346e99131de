using System.Reflection;

namespace PolicyBot.Core.Cards;

/// <summary>
/// The card texts the code reads ("section.name" in cards/strings/*.json). Loading refuses a language file that
/// lacks one, so a rename here without the files (or there without here) stops the start, not a user's turn.
/// </summary>
internal static class CardStringKeys
{
    public const string FormatDay = "format.day";
    public const string FormatMonth = "format.month";
    public const string FormatHeading = "format.heading";
    public const string FormatQuoted = "format.quoted";
    public const string LanguageName = "format.languageName";

    public const string Helpful = "common.helpful";
    public const string NotHelpful = "common.notHelpful";
    public const string Back = "common.back";
    public const string BackShown = "common.backShown";
    public const string Topics = "common.topics";
    public const string TopicsShown = "common.topicsShown";
    public const string HowToAsk = "common.howToAsk";
    public const string HowToAskShown = "common.howToAskShown";
    public const string Thanks = "common.thanks";
    public const string ThanksNotHelpful = "common.thanksNotHelpful";
    public const string DefaultContact = "common.defaultContact";
    public const string ThanksNote = "common.thanksNote";

    public const string FeedbackAbout = "feedback.about";
    public const string FeedbackText = "feedback.text";

    public const string WelcomeText = "welcome.textWelcome";
    public const string WelcomePick = "welcome.textPick";
    public const string WelcomeHelp = "welcome.textHelp";
    public const string WelcomeFallback = "welcome.fallbackText";

    public const string MenuHeading = "menu.textHeading";
    public const string MenuFallback = "menu.fallbackText";

    public const string HelpText = "help.text";
    public const string HelpFallback = "help.fallbackText";

    public const string WhoMustDoWhat = "node.whoMustDoWhat";
    public const string Sources = "node.sources";
    public const string Latest = "node.latest";
    public const string EarlierChanges = "node.earlierChanges";
    public const string ChangedSince = "node.changedSince";
    public const string Checked = "node.checked";
    public const string MoreCount = "node.moreCount";
    public const string RelatedCount = "node.relatedCount";
    public const string MoreAndRelatedCount = "node.moreAndRelatedCount";
    public const string MoreText = "node.textMore";
    public const string RelatedText = "node.textRelated";
    public const string MatchedByMeaning = "node.matchedByMeaning";
    public const string MatchedBecause = "node.matchedBecause";
    public const string InEnglish = "node.inEnglish";
    public const string TranslatedFromEnglish = "node.translatedFromEnglish";
    public const string PartlyTranslatedFromEnglish = "node.partlyTranslatedFromEnglish";

    public const string WhatsNewSince = "whatsNew.changedSince";
    public const string WhatsNewIn = "whatsNew.changedIn";
    public const string WhatsNewTitle = "whatsNew.whatsNew";
    public const string WhatsNewSummary = "whatsNew.summary";
    public const string WhatsNewNothing = "whatsNew.nothingThen";
    public const string WhatsNewNothingSince = "whatsNew.nothingThenSince";
    public const string WhatsNewMostRecent = "whatsNew.mostRecent";
    public const string WhatsNewSource = "whatsNew.source";

    public const string DisambiguationHeading = "disambiguation.heading";
    public const string DisambiguationCouldBe = "disambiguation.couldBe";
    public const string NoneOfThese = "disambiguation.noneOfThese";
    public const string DisambiguationRephrase = "disambiguation.textRephrase";

    public const string FoundNothing = "fallback.foundNothing";
    public const string NoAnswer = "fallback.noAnswer";
    public const string Closest = "fallback.closest";
    public const string FallbackOrPick = "fallback.textOrPick";
    public const string FallbackIntro = "fallback.textIntro";
    public const string FallbackTip = "fallback.textTip";
    public const string FallbackContact = "fallback.textContact";
    public const string TypeMenu = "fallback.typeMenu";

    public const string AskPolicyBot = "share.askPolicyBot";

    /// <summary>Every key above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. typeof(CardStringKeys).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
}
