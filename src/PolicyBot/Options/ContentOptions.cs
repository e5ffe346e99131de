using System.ComponentModel.DataAnnotations;

namespace PolicyBot.Options;

/// <summary>Where the content owners' files are (configuration section "Content").</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>The knowledge base folder; a relative path is looked for from the working directory upwards, then beside the binaries.</summary>
    [Required(AllowEmptyStrings = false)]
    public string KnowledgePath { get; set; } = "knowledge";

    /// <summary>The card templates folder, resolved like <see cref="KnowledgePath"/>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string CardsPath { get; set; } = "cards";

    /// <summary>Who to contact when the bot cannot help (offered after two misses in a row).</summary>
    [Required(AllowEmptyStrings = false)]
    [MaxLength(300)]
    public string PolicyOfficeContact { get; set; } = "the Human Security Unit";
}
