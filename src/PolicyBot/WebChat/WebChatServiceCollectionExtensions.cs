using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PolicyBot.WebChat.DirectLine;

namespace PolicyBot.WebChat;

/// <summary>Registers and maps the web chat: the page, its token endpoint and, when on, the development Direct Line.</summary>
internal static partial class WebChatServiceCollectionExtensions
{
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebChatOptions>().Bind(configuration.GetSection(WebChatOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>();
        services.AddSingleton<WebChatModeSelector>();
        services.AddSingleton(new WebChatPageFiles(WebRootLocator.Locate()));
        services.TryAddSingleton(TimeProvider.System);

        // The timeout is the token client's own (WebChat:TokenRequestTimeout), so the client's default stays out of the way.
        services.AddHttpClient(DirectLineTokenClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<DirectLineTokenClient>();
        services.AddSingleton<DirectLineConversationStore>();
        services.AddSingleton<DirectLineBotChannel>();
        return services;
    }

    public static WebApplication UseWebChat(this WebApplication app)
    {
        var selector = app.Services.GetRequiredService<WebChatModeSelector>();
        var files = app.Services.GetRequiredService<WebChatPageFiles>();
        var options = app.Services.GetRequiredService<IOptions<WebChatOptions>>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyBot.WebChat");

        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });

        if (Directory.Exists(files.Root))
        {
            var provider = new PhysicalFileProvider(files.Root);
            app.UsePrecompressedFiles(provider);
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = provider,
                ContentTypeProvider = new PrecompressedFiles.ContentTypes(),
                OnPrepareResponse = file =>
                {
                    // Not fingerprinted: the browser revalidates (ETag) so a new build is picked up at once.
                    file.Context.Response.Headers.CacheControl = "no-cache";
                    if (file.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                    {
                        WebChatEndpoints.AddPageHeaders(file.Context, selector, options.Value);
                    }
                },
            });
        }
        else
        {
            LogMissingWebRoot(logger, files.Root);
        }

        WebChatEndpoints.Map(app);
        if (selector.DevelopmentDirectLineEnabled)
        {
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
            DirectLineEndpoints.Map(app);
        }

        LogServing(logger, selector.Mode, files.Root);
        if (selector.Mode == WebChatMode.Unavailable)
        {
            LogNoDirectLine(logger);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web chat page's folder {WebRoot} does not exist; build src/PolicyBot to create it")]
    private static partial void LogMissingWebRoot(ILogger logger, string webRoot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Web chat page at / in {Mode} mode (files in {WebRoot})")]
    private static partial void LogServing(ILogger logger, WebChatMode mode, string webRoot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The web chat page has no Direct Line: set WebChat:DirectLineSecret (Azure Bot Service) or WebChat:DevelopmentDirectLine:Enabled=true")]
    private static partial void LogNoDirectLine(ILogger logger);
}
