using System.Text.Json.Nodes;

namespace PolicyBot.Core.Cards;

/// <summary>What a reply becomes before expansion: the template to use, its data, and the plain text of the reply.</summary>
/// <param name="TemplateName">A name from <see cref="CardTemplateNames"/>, or null for a text-only reply.</param>
/// <param name="Data">The template's data ($root); its "fallbackText" is the card's.</param>
/// <param name="Text">The whole reply as plain text.</param>
/// <param name="OptionalParts">Data fields that may be emptied, in this order, when the card is too large.</param>
internal sealed record CardModel(string? TemplateName, JsonObject Data, string Text, IReadOnlyList<string> OptionalParts)
{
    public static CardModel TextOnly(string text) => new(null, [], text, []);
}
