using PolicyBot.Core;
using PolicyBot.Core.Dialog;

namespace PolicyBot.Infrastructure;

/// <summary>Registers PolicyBot.Core's assistant with its content folders.</summary>
internal static class AssistantServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<IPolicyAssistant, PlaceholderAssistant>();
        return services;
    }

    private sealed class PlaceholderAssistant : IPolicyAssistant
    {
        public bool IsReady => true;

        public ValueTask<AssistantReply> ReplyAsync(UserInput input, DialogContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new AssistantReply([new ReplyMessage(input.Kind == UserInputKind.Welcome ? "Welcome to PolicyBot." : "I cannot answer policy questions yet.")], context));
    }
}
