using PolicyBot.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
HostConfiguration.Apply(builder.Configuration, builder.Environment.EnvironmentName, args);

// Port 3978 is the Bot Framework convention; --urls and ASPNETCORE_URLS override it.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:3978");
}

builder.Services.AddPolicyBot(builder.Configuration);

var app = builder.Build();
app.UsePolicyBot();
await app.RunAsync();

// The Program class is public without a declaration here (ASP.NET Core 10 generates it), so tests can use
// WebApplicationFactory<Program>.
