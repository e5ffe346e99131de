using System.ComponentModel.DataAnnotations;
using PolicyBot.Core.Cards;

namespace PolicyBot.Options;

/// <summary>Where the content owners' files are (configuration section "Content").</summary>
public sealed class ContentOptions : IValidatableObject
{
    public const string SectionName = "Content";

    /// <summary>The knowledge base folder; a relative path is looked for from the working directory upwards, then beside the binaries.</summary>
    [Required(AllowEmptyStrings = false)]
    public string KnowledgePath { get; set; } = "knowledge";

    /// <summary>The card templates folder, resolved like <see cref="KnowledgePath"/>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string CardsPath { get; set; } = "cards";

    /// <summary>
    /// Who to contact when the bot cannot help (offered after two misses in a row). The default names no unit:
    /// set the real one for your organisation, with <see cref="PolicyOfficeUrl"/>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(300)]
    public string PolicyOfficeContact { get; set; } = DefaultPolicyOfficeContact;

    /// <summary>The contact's channel, shown as a button on the fallback card: an https page or a mailto: address; empty for none.</summary>
    [MaxLength(500)]
    public string PolicyOfficeUrl { get; set; } = string.Empty;

    public const string DefaultPolicyOfficeContact = CardRendererOptions.DefaultPolicyOfficeContact;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ContactUrl.IsValid(PolicyOfficeUrl))
        {
            yield return new ValidationResult(ContactUrl.Problem($"{SectionName}:{nameof(PolicyOfficeUrl)}", PolicyOfficeUrl), [nameof(PolicyOfficeUrl)]);
        }
    }
}
