using EchoBot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using PolicyBot.Adapters;

var builder = WebApplication.CreateBuilder(args);

// The stock Bot Framework wiring, as in Microsoft's samples: authentication from the standard settings (empty app id =
// no auth), CloudAdapter, in-memory storage, conversation state. ReuseConnectorClients=true adds PolicyBot's one change
// to that wiring, for the load test's like-for-like comparison; by default the echo bot stays bare.
builder.Services.AddHttpClient();
builder.Services.AddSingleton<BotFrameworkAuthentication>(sp =>
{
    var configuration = sp.GetRequiredService<IConfiguration>();
    var standard = new ConfigurationBotFrameworkAuthentication(configuration, httpClientFactory: sp.GetRequiredService<IHttpClientFactory>());
    return configuration.GetValue<bool>("ReuseConnectorClients") ? new ClientReusingBotFrameworkAuthentication(standard) : standard;
});
builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp => new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), sp.GetRequiredService<ILogger<CloudAdapter>>()));
builder.Services.AddSingleton<IStorage, MemoryStorage>();
builder.Services.AddSingleton<ConversationState>();
builder.Services.AddTransient<IBot, EchoActivityHandler>();

var app = builder.Build();
app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken cancellationToken) =>
    adapter.ProcessAsync(request, response, bot, cancellationToken));
await app.RunAsync();
