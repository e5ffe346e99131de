using System.IO.Compression;
using System.Net;
using PolicyBot.Tests.Http;
using PolicyBot.WebChat;

namespace PolicyBot.Tests.WebChat;

/// <summary>The Web Chat bundle travels compressed to a browser that accepts it, and as it is to one that does not.</summary>
public sealed class PrecompressedFilesTests : IClassFixture<BotHostFactory>
{
    private const string Bundle = "/lib/webchat.js";
    private readonly BotHostFactory _factory;

    public PrecompressedFilesTests(BotHostFactory factory) => _factory = factory;

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("*", "br")]
    public async Task A_browser_that_accepts_an_encoding_gets_the_bundle_in_it(string acceptEncoding, string expected)
    {
        var plain = await GetAsync(Bundle, acceptEncoding: null);
        var (response, body) = await GetAsync(Bundle, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(body.Length < plain.Body.Length / 3, $"{body.Length} bytes in {expected}, {plain.Body.Length} as built");
        Assert.Equal(plain.Body, Decode(body, expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("deflate")]
    [InlineData("br;q=0, gzip;q=0")]
    public async Task Any_other_browser_gets_the_bundle_as_it_is(string? acceptEncoding)
    {
        var (response, body) = await GetAsync(Bundle, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(body.Length > 3_000_000, $"{body.Length} bytes");
    }

    [Theory]
    [InlineData("/lib/webchat.js.br")]
    [InlineData("/lib/webchat.js.gz")]
    public async Task The_compressed_copies_are_not_files_of_their_own(string path)
    {
        var (response, _) = await GetAsync(path, "gzip, br");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_file_without_compressed_copies_is_served_as_before()
    {
        var (response, body) = await GetAsync("/webchat-page.js", "gzip, br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.DoesNotContain("Accept-Encoding", response.Headers.Vary);
        Assert.Contains("renderWebChat", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public void The_copy_chosen_follows_the_quality_the_browser_gives_each_encoding()
    {
        (string, string)[] both = [("br", ".br"), ("gzip", ".gz")];
        (string, string)[] gzipOnly = [("gzip", ".gz")];

        Assert.Equal("br", PrecompressedFiles.Preferred("br, gzip", both)?.Encoding);
        Assert.Equal("gzip", PrecompressedFiles.Preferred("br;q=0.1, gzip;q=0.9", both)?.Encoding);
        Assert.Null(PrecompressedFiles.Preferred("br", gzipOnly));
        Assert.Equal("gzip", PrecompressedFiles.Preferred("*", gzipOnly)?.Encoding);
        Assert.Null(PrecompressedFiles.Preferred("not a header;;;", both));
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string? acceptEncoding)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decode(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
