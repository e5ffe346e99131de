using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace PolicyBot.Testing;

/// <summary>A PNG read back independently of the encoder: chunk CRCs checked, all five row filters undone.</summary>
public sealed class PngImage
{
    private PngImage(int width, int height, int colorType, byte[] rgba)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>2 = RGB, 6 = RGBA.</summary>
    public int ColorType { get; }

    /// <summary>R, G, B, A for each pixel (A = 255 for RGB files).</summary>
    public byte[] Rgba { get; }

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var o = ((y * Width) + x) * 4;
        return (Rgba[o], Rgba[o + 1], Rgba[o + 2], Rgba[o + 3]);
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var o = 0; o < Rgba.Length; o += 4)
        {
            yield return (Rgba[o], Rgba[o + 1], Rgba[o + 2], Rgba[o + 3]);
        }
    }

    /// <summary>The number of distinct colours among the pixels (a blank screenshot has one).</summary>
    public int DistinctColours() => Pixels().Select(p => (p.R << 16) | (p.G << 8) | p.B).Distinct().Count();

    public static PngImage Read(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!(png.AsSpan(0, 8).SequenceEqual(signature)))
        {
            throw new InvalidDataException("not a PNG signature");
        }
        int width = 0, height = 0, colorType = -1;
        using var idat = new MemoryStream();
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            if (Crc32(png.AsSpan(offset + 4, length + 4)) != crc)
            {
                throw new InvalidDataException($"bad CRC in chunk {type}");
            }
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    if (8 != data[8])
        {
            throw new InvalidDataException("unexpected PNG data length");
        }
                    colorType = data[9];
                    if (colorType is not (2 or 6))
                    {
                        throw new InvalidDataException($"PNG colour type {colorType} is not RGB or RGBA");
                    }
                    if (0 != data[12])
        {
            throw new InvalidDataException("unexpected PNG data length");
        } // not interlaced
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            offset += 12 + length;
            if (type == "IEND")
            {
                break;
            }
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return new PngImage(width, height, colorType, Unfilter(raw.ToArray(), width, height, colorType == 6 ? 4 : 3));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bytesPerPixel)
    {
        var stride = width * bytesPerPixel;
        if ((stride + 1) * height != raw.Length)
        {
            throw new InvalidDataException("unexpected PNG data length");
        }
        var current = new byte[stride];
        var previous = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, (y * (stride + 1)) + 1, current, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0;
                int up = previous[i];
                int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                current[i] = (byte)(current[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                var o = ((y * width) + x) * 4;
                rgba[o] = current[x * bytesPerPixel];
                rgba[o + 1] = current[(x * bytesPerPixel) + 1];
                rgba[o + 2] = current[(x * bytesPerPixel) + 2];
                rgba[o + 3] = bytesPerPixel == 4 ? current[(x * bytesPerPixel) + 3] : (byte)255;
            }

            (previous, current) = (current, previous);
        }

        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
