using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        var logs = new CapturingLoggerProvider();
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
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("conv-throws", StringComparison.Ordinal) && e.Exception is InvalidOperationException);
    }
}

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider.Entries)
            {
                provider.Entries.Add((logLevel, formatter(state, exception), exception));
            }
        }
    }
}
