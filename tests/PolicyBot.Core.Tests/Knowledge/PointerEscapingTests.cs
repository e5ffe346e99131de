using PolicyBot.Core.Knowledge;

namespace PolicyBot.Core.Tests.Knowledge;

public sealed class PointerEscapingTests
{
    [Fact]
    public void A_pointer_with_escaped_slash_and_tilde_names_the_field_plainly()
    {
        Assert.Equal("nodes[2].a/b~c", LoadContext.FieldName("/nodes/2/a~1b~0c"));
    }
}
