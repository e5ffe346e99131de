using System.Net;

namespace PolicyBot.LoadTest.Tests;

public sealed class LoopbackGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000/api/messages")]
    [InlineData("http://localhost:5000/api/messages")]
    [InlineData("http://LOCALHOST/")]
    [InlineData("http://[::1]:5000/api/messages")]
    public void Loopback_targets_are_allowed(string target) => LoopbackGuard.EnsureAllowed(new Uri(target));

    [Theory]
    [InlineData("http://10.0.0.5:3978/api/messages")]
    [InlineData("https://policybot.example.org/api/messages")]
    [InlineData("http://localhost.example.org/api/messages")]
    [InlineData("http://0.0.0.0:3978/")]
    [InlineData("http://192.168.1.10/")]
    public void Anything_else_is_refused_naming_the_target(string target)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LoopbackGuard.EnsureAllowed(new Uri(target)));
        Assert.Contains(new Uri(target).ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_uri_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => LoopbackGuard.EnsureAllowed(new Uri("/api/messages", UriKind.Relative)));

    [Fact]
    public async Task The_handler_refuses_a_remote_request_before_it_is_sent()
    {
        using var inner = new RecordingHandler();
        using var client = new HttpClient(new LoopbackOnlyHandler(inner));

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync(new Uri("http://203.0.113.7/api/messages")));
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task The_handler_passes_a_loopback_request_on()
    {
        using var inner = new RecordingHandler();
        using var client = new HttpClient(new LoopbackOnlyHandler(inner));

        using var response = await client.GetAsync(new Uri("http://127.0.0.1:1/healthz"));

        Assert.Equal(1, inner.Calls);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
