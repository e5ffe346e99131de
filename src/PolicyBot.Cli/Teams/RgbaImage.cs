namespace PolicyBot.Cli.Teams;

/// <summary>A straight-alpha RGBA image, 8 bits a channel, rows top to bottom.</summary>
internal sealed class RgbaImage
{
    public RgbaImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 4];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>R, G, B, A for each pixel, row by row.</summary>
    public byte[] Pixels { get; }

    public void SetPixel(int x, int y, Rgba color)
    {
        var offset = ((y * Width) + x) * 4;
        Pixels[offset] = color.R;
        Pixels[offset + 1] = color.G;
        Pixels[offset + 2] = color.B;
        Pixels[offset + 3] = color.A;
    }
}

internal readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static Rgba White { get; } = new(255, 255, 255);

    /// <summary>This colour moved towards <paramref name="other"/> by <paramref name="amount"/> (0..1).</summary>
    public Rgba Lerp(Rgba other, double amount) => new(
        Mix(R, other.R, amount),
        Mix(G, other.G, amount),
        Mix(B, other.B, amount),
        Mix(A, other.A, amount));

    private static byte Mix(byte from, byte to, double amount) => (byte)Math.Round(from + ((to - from) * Math.Clamp(amount, 0, 1)));
}
