using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PolicyBot.Core.Cards;
using PolicyBot.Core.Dialog;
using PolicyBot.Testing;

namespace PolicyBot.Core.Tests.Cards;

public sealed class CardRenderingRegistrationTests
{
    [Fact]
    public void The_renderer_resolves_with_the_templates_folder_and_contact()
    {
        using var provider = new ServiceCollection()
            .AddCardRendering(o => (o.TemplatesPath, o.PolicyOfficeContact) = (RepoPaths.Cards, "the Unit"))
            .BuildServiceProvider();
        var renderer = provider.GetRequiredService<ICardRenderer>();
        var message = renderer.Render(new DialogReply(ReplyKind.Fallback) { OfferContact = true }, TestKnowledge.Create());
        Assert.Contains("Contact the Unit.", message.CardJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 26 * 1024, "", "PolicyOfficeContact")]
    [InlineData("x", 40 * 1024, "", "MaxCardBytes")]
    [InlineData("x", 26 * 1024, "http://intranet.example.org/hs", "PolicyOfficeUrl")]
    [InlineData("x", 26 * 1024, "hs-focal-point@example.org", "PolicyOfficeUrl")]
    [InlineData("x", 26 * 1024, "mailto:", "PolicyOfficeUrl")]
    public void Bad_options_are_refused_naming_the_setting(string contact, int maxBytes, string url, string setting)
    {
        using var provider = new ServiceCollection()
            .AddCardRendering(o => (o.TemplatesPath, o.PolicyOfficeContact, o.MaxCardBytes, o.PolicyOfficeUrl) = (RepoPaths.Cards, contact, maxBytes, url))
            .BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<CardRendererOptions>>().Value);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
