namespace PolicyBot.Cli.Teams;

/// <summary>
/// Draws PolicyBot's Teams icons: a shield with a person on it (human security: protecting people). Shapes are
/// defined on a square from -1 to 1 (y down) and sampled several times a pixel, so edges are smooth at any size.
/// </summary>
internal static class TeamsIconPainter
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    /// <summary>The manifest's accentColor, also the colour icon's background.</summary>
    public static readonly Rgba Accent = new(0x1F, 0x4E, 0x8C);

    private const int Samples = 8;

    /// <summary>192×192, opaque: a white shield on the accent colour, the person cut out of it in the accent colour.</summary>
    public static RgbaImage PaintColor()
    {
        var image = new RgbaImage(ColorSize, ColorSize);
        for (var y = 0; y < ColorSize; y++)
        {
            for (var x = 0; x < ColorSize; x++)
            {
                var shield = Coverage(x, y, ColorSize, (u, v) => InShield(u, v, scale: 0.8));
                var person = Coverage(x, y, ColorSize, (u, v) => InPerson(u, v, scale: 0.8));
                image.SetPixel(x, y, Accent.Lerp(Rgba.White, shield).Lerp(Accent, person));
            }
        }

        return image;
    }

    /// <summary>32×32, white on transparent as Teams requires: the shield's outline and the person inside it.</summary>
    public static RgbaImage PaintOutline()
    {
        const double stroke = 2.0 / (OutlineSize / 2.0); // two pixels
        var image = new RgbaImage(OutlineSize, OutlineSize);
        for (var y = 0; y < OutlineSize; y++)
        {
            for (var x = 0; x < OutlineSize; x++)
            {
                var alpha = Coverage(x, y, OutlineSize, (u, v) => InShieldOutline(u, v, stroke) || InPerson(u, v, scale: 0.85));
                image.SetPixel(x, y, Rgba.White with { A = (byte)Math.Round(alpha * 255) });
            }
        }

        return image;
    }

    /// <summary>The share of the pixel's sample points that fall inside the shape.</summary>
    private static double Coverage(int x, int y, int size, Func<double, double, bool> inside)
    {
        var hits = 0;
        for (var sy = 0; sy < Samples; sy++)
        {
            for (var sx = 0; sx < Samples; sx++)
            {
                var u = ((x + ((sx + 0.5) / Samples)) / size * 2) - 1;
                var v = ((y + ((sy + 0.5) / Samples)) / size * 2) - 1;
                if (inside(u, v))
                {
                    hits++;
                }
            }
        }

        return hits / (double)(Samples * Samples);
    }

    /// <summary>A heater shield: straight top with rounded corners, straight sides, curving in to a point.</summary>
    private static bool InShield(double u, double v, double scale = 1)
    {
        u /= scale;
        v /= scale;
        const double top = -0.92, shoulder = 0.0, bottom = 1.0, half = 0.8, corner = 0.14;
        if (v < top || v > bottom)
        {
            return false;
        }

        var x = Math.Abs(u);
        if (v < top + corner && x > half - corner)
        {
            return Square(x - (half - corner)) + Square(v - (top + corner)) <= Square(corner);
        }

        if (v <= shoulder)
        {
            return x <= half;
        }

        var t = (v - shoulder) / (bottom - shoulder);
        return x <= half * (1 - (t * t));
    }

    /// <summary>The band of the shield within <paramref name="width"/> of its edge.</summary>
    private static bool InShieldOutline(double u, double v, double width)
    {
        if (!InShield(u, v, 0.95))
        {
            return false;
        }

        // Inside the band when some point at that distance is outside the shield.
        for (var step = 0; step < 16; step++)
        {
            var angle = step * Math.PI / 8;
            if (!InShield(u + (width * Math.Cos(angle)), v + (width * Math.Sin(angle)), 0.95))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A person: a round head over rounded shoulders.</summary>
    private static bool InPerson(double u, double v, double scale)
    {
        u /= scale;
        v /= scale;
        var head = Square(u) + Square(v + 0.36) <= Square(0.2);
        var shoulders = v <= 0.42 && (Square(u / 0.44) + Square((v - 0.38) / 0.4)) <= 1;
        return head || shoulders;
    }

    private static double Square(double value) => value * value;
}
