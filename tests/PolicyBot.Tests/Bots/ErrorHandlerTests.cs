using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using PolicyBot.Adapters;
using PolicyBot.Core;
using PolicyBot.Core.Dialog;
using PolicyBot.Tests.Http;

namespace PolicyBot.Tests.Bots;

public sealed class ErrorHandlerTests
{
    [Fact]
    public async Task A_turn_that_throws_gets_the_apology_a_log_entry_with_the_conversation_id_and_no_exception_text()
    {
        var assistant = new Mock<IPolicyAssistant>();
        assistant.SetupGet(a => a.IsReady).Returns(true);
        assistant.Setup(a => a.ReplyAsync(It.IsAny<UserInput>(), It.IsAny<DialogContext>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("secret internal detail"));
        var logs = new FakeLoggerProvider();
        using var factory = new BotHostFactory(null, services =>
        {
            services.AddSingleton(assistant.Object);
            services.AddSingleton<ILoggerProvider>(logs);
        });
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/messages", Activities.Json(Activities.EmulatorMessage("boom", "conv-throws")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(AdapterWithErrorHandler.ApologyText, body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internal detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.Contains(logs.Collector.GetSnapshot(), e => e.Level == LogLevel.Error && e.Message.Contains("conv-throws", StringComparison.Ordinal) && e.Exception is InvalidOperationException);
    }
}
