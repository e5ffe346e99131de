using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PolicyBot.Core.Cards;

/// <summary>How cards are rendered (configuration section "Cards"; the contact is shared with "Content").</summary>
public sealed class CardRendererOptions
{
    public const string SectionName = "Cards";

    /// <summary>Teams refuses a message over 28 KB; the card gets this many bytes and the activity envelope the rest.</summary>
    public const int TeamsMessageLimitBytes = 28 * 1024;

    /// <summary>The folder of the card templates (cards/).</summary>
    [Required(AllowEmptyStrings = false)]
    public string TemplatesPath { get; set; } = "cards";

    /// <summary>The contact named when no real one is set: it names no unit the sources do not name.</summary>
    public const string DefaultPolicyOfficeContact = "your organisation's Human Security focal point";

    /// <summary>Who to contact when the bot cannot help, offered on the fallback card after two misses. Markdown links are allowed.</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(300)]
    public string PolicyOfficeContact { get; set; } = DefaultPolicyOfficeContact;

    /// <summary>The contact's channel (an https page or a mailto: address), a button on the fallback card; empty for none.</summary>
    [MaxLength(500)]
    public string PolicyOfficeUrl { get; set; } = string.Empty;

    /// <summary>The most bytes of card JSON sent; larger cards drop optional parts (leaves room for the activity around it).</summary>
    [Range(4 * 1024, TeamsMessageLimitBytes)]
    public int MaxCardBytes { get; set; } = 26 * 1024;

    /// <summary>How many characters of the user's own text a card repeats.</summary>
    [Range(10, 500)]
    public int MaxEchoLength { get; set; } = 100;
}

/// <summary>Validates <see cref="CardRendererOptions"/> at start-up (register with ValidateOnStart).</summary>
public sealed class CardRendererOptionsValidator : IValidateOptions<CardRendererOptions>
{
    public ValidateOptionsResult Validate(string? name, CardRendererOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (!ContactUrl.IsValid(options.PolicyOfficeUrl))
        {
            results.Add(new ValidationResult(ContactUrl.Problem(nameof(CardRendererOptions.PolicyOfficeUrl), options.PolicyOfficeUrl), [nameof(CardRendererOptions.PolicyOfficeUrl)]));
        }

        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true) && results.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r => $"{CardRendererOptions.SectionName}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
    }
}
