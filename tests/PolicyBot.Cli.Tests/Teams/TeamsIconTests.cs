using PolicyBot.Cli.Teams;
using PolicyBot.Testing;

namespace PolicyBot.Cli.Tests.Teams;

public sealed class TeamsIconTests
{
    private static byte[] Committed(string file) => File.ReadAllBytes(Path.Combine(RepoPaths.Manifests, file));

    [Fact]
    public void Color_icon_is_192_square_opaque_and_a_white_shape_on_the_accent_colour()
    {
        var icon = PngImage.Read(Committed("color.png"));

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.Pixels(), p => Assert.Equal(255, p.A));
        var accent = TeamsIconPainter.Accent;
        Assert.Equal((accent.R, accent.G, accent.B, (byte)255), icon.Pixel(0, 0));
        Assert.Equal((accent.R, accent.G, accent.B, (byte)255), icon.Pixel(191, 191));

        // Not a plain square: a white shield covers a good part, and the person on it is in the accent colour again.
        var white = icon.Pixels().Count(p => p is { R: 255, G: 255, B: 255 }) / (double)(192 * 192);
        Assert.InRange(white, 0.2, 0.6);
        Assert.Equal((255, 255, 255, 255), icon.Pixel(96, 40)); // the shield, above the head
        Assert.Equal((accent.R, accent.G, accent.B, (byte)255), icon.Pixel(96, 62)); // the head
    }

    [Fact]
    public void Outline_icon_is_32_square_white_on_transparent()
    {
        var icon = PngImage.Read(Committed("outline.png"));

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        Assert.Equal(6, icon.ColorType);
        Assert.All(icon.Pixels().Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        foreach (var (x, y) in new[] { (0, 0), (31, 0), (0, 31), (31, 31) })
        {
            Assert.Equal(0, icon.Pixel(x, y).A);
        }

        var opaque = icon.Pixels().Count(p => p.A == 255);
        var transparent = icon.Pixels().Count(p => p.A == 0);
        Assert.InRange(opaque, 100, 600);
        Assert.True(transparent > 32 * 32 / 2, $"only {transparent} transparent pixels");
    }

    [Fact]
    public void Committed_icons_are_what_the_generator_draws()
    {
        Assert.Equal(TeamsIconPainter.PaintColor().Pixels, PngImage.Read(Committed("color.png")).Rgba);
        Assert.Equal(TeamsIconPainter.PaintOutline().Pixels, PngImage.Read(Committed("outline.png")).Rgba);
    }

    [Fact]
    public void Teams_icons_command_writes_both_files()
    {
        var folder = Path.Combine(Path.GetTempPath(), "policybot-icons-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var output = new StringWriter();
            var exit = CliApp.Run(["teams-icons", "--out", folder], TextReader.Null, output, TextWriter.Null);

            Assert.Equal(0, exit);
            Assert.Equal((192, 192), Size(Path.Combine(folder, "color.png")));
            Assert.Equal((32, 32), Size(Path.Combine(folder, "outline.png")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static (int, int) Size(string path)
        {
            var png = PngImage.Read(File.ReadAllBytes(path));
            return (png.Width, png.Height);
        }
    }
}
