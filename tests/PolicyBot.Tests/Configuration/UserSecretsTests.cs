using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;
using PolicyBot.Infrastructure;

namespace PolicyBot.Tests.Configuration;

/// <summary>User secrets are read in Development, after the JSON files and before the environment, as ASP.NET Core does.</summary>
public sealed class UserSecretsTests : IDisposable
{
    // A secrets id of this test's own, so a developer's real secrets are never read or touched.
    private readonly string _secretsId = "policybot-test-" + Guid.NewGuid().ToString("N");
    private readonly string _secretsFile;

    public UserSecretsTests()
    {
        _secretsFile = PathHelper.GetSecretsPathFromSecretsId(_secretsId);
        Directory.CreateDirectory(Path.GetDirectoryName(_secretsFile)!);
        File.WriteAllText(_secretsFile, """{ "WebChat:DirectLineSecret": "from-user-secrets", "Content:PolicyOfficeContact": "from-user-secrets" }""");
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_secretsFile)!, recursive: true);

    [Fact]
    public void The_project_has_a_user_secrets_id() => Assert.False(string.IsNullOrEmpty(HostConfiguration.UserSecretsId));

    [Fact]
    public void In_Development_a_user_secret_reaches_WebChat_DirectLineSecret()
    {
        var configuration = Build("Development", []);
        Assert.Equal("from-user-secrets", configuration["WebChat:DirectLineSecret"]);
    }

    [Fact]
    public void User_secrets_win_over_appsettings_and_lose_to_the_command_line()
    {
        var configuration = Build("Development", ["--Content:PolicyOfficeContact=from-command-line"]);
        Assert.Equal("from-command-line", configuration["Content:PolicyOfficeContact"]);
        Assert.Equal("from-user-secrets", Build("Development", [])["Content:PolicyOfficeContact"]);
    }

    [Fact]
    public void Outside_Development_user_secrets_are_not_read()
    {
        var configuration = Build("Production", []);
        Assert.NotEqual("from-user-secrets", configuration["WebChat:DirectLineSecret"]);
        Assert.NotEqual("from-user-secrets", configuration["Content:PolicyOfficeContact"]);
    }

    private ConfigurationManager Build(string environment, string[] args)
    {
        var configuration = new ConfigurationManager();
        HostConfiguration.Apply(configuration, environment, args, _secretsId);
        return configuration;
    }
}
