using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests.Teams;

/// <summary>The committed Teams icons (manifests/) are data: these are the sizes and transparency Teams requires.</summary>
public sealed class TeamsIconTests
{
    private static PngImage Committed(string file) => PngImage.Read(File.ReadAllBytes(Path.Combine(RepoPaths.Manifests, file)));

    [Fact]
    public void Color_icon_is_192_square_and_opaque()
    {
        var icon = Committed("color.png");

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.Pixels(), p => Assert.Equal(255, p.A));
        Assert.True(icon.DistinctColours() > 1, "the colour icon is a plain square");
    }

    [Fact]
    public void Outline_icon_is_32_square_white_on_transparent()
    {
        var icon = Committed("outline.png");

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.Equal(6, icon.ColorType);
        Assert.All(icon.Pixels().Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Contains(icon.Pixels(), p => p.A == 255);
        Assert.Contains(icon.Pixels(), p => p.A == 0);
    }
}
