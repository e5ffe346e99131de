using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PolicyBot.Web.Tests;

/// <summary>
/// What the first visit costs over the wire: the Web Chat bundle (about 3.9 MB as built) travels compressed to a browser
/// that accepts it. The figures are printed for docs/web-chat.md.
/// </summary>
[Collection(WebChatTestGroup.Name)]
public sealed class PageWeightTests(WebChatFixture fixture, ITestOutputHelper output)
{
    private const string Bundle = "/lib/webchat.js";

    [Fact]
    public async Task The_first_visit_gets_the_chat_bundle_compressed_and_transfers_well_under_its_size()
    {
        // A fresh browser profile, listening before the page is asked for: nothing comes from a cache.
        await using var context = await fixture.Chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) =>
        {
            lock (responses)
            {
                responses.Add(response);
            }
        };
        await page.GotoAsync(fixture.Host.BaseAddress.ToString());
        await page.Locator(".ac-adaptiveCard").First.WaitForAsync(new() { Timeout = 30_000 });

        List<IResponse> loaded;
        lock (responses)
        {
            loaded = [.. responses];
        }

        long wire = 0;
        long decoded = 0;
        // What came over the network: blob: and data: addresses are the page's own memory.
        loaded = [.. loaded.Where(r => r.Url.StartsWith("http", StringComparison.Ordinal))];
        foreach (var response in loaded)
        {
            var sizes = await response.Request.SizesAsync();
            var body = await DecodedLengthAsync(response);
            wire += Math.Max(0, sizes.ResponseHeadersSize) + Math.Max(0, sizes.ResponseBodySize);
            decoded += body;
            output.WriteLine($"{new Uri(response.Url).PathAndQuery}: {sizes.ResponseBodySize} bytes over the wire ({body} decoded), {await response.HeaderValueAsync("content-encoding") ?? "identity"}");
        }

        output.WriteLine($"first visit: {wire} bytes over the wire (headers included), {decoded} bytes decoded, {loaded.Count} responses");
        var bundle = Assert.Single(loaded, r => new Uri(r.Url).AbsolutePath == Bundle);
        var encoding = await bundle.HeaderValueAsync("content-encoding");
        Assert.Contains(encoding, new[] { "br", "gzip" });
        Assert.Contains("Accept-Encoding", await bundle.HeaderValueAsync("vary") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("text/javascript", await bundle.HeaderValueAsync("content-type") ?? string.Empty, StringComparison.Ordinal);
        Assert.True(wire < 1_500_000, $"the first visit transferred {wire} bytes");
        Assert.True(decoded > 3_000_000, $"only {decoded} bytes decoded: is the bundle all there?");
    }

    /// <summary>The body as the page got it, decompressed; 0 for a response without one (the WebSocket's upgrade).</summary>
    private static async Task<long> DecodedLengthAsync(IResponse response)
    {
        try
        {
            return (await response.BodyAsync()).Length;
        }
        catch (PlaywrightException)
        {
            return 0;
        }
    }
}
