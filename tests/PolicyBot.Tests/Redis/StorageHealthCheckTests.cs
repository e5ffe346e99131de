using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PolicyBot.Health;
using PolicyBot.Options;
using PolicyBot.Storage;
using StackExchange.Redis;

namespace PolicyBot.Tests.Redis;

/// <summary>
/// Readiness over a real Redis: the server answering is not enough while this instance's own connection has not
/// reconnected yet (it retries on its own back-off), because turns go through that connection.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class StorageHealthCheckTests
{
    private readonly RedisServerFixture _server;

    public StorageHealthCheckTests(RedisServerFixture server)
    {
        _server = server;
        _server.Start();
    }

    [Fact]
    public async Task Redis_answering_while_this_instances_connection_is_still_down_is_not_ready_and_says_why()
    {
        var options = Options();
        var stillDown = new Mock<IConnectionMultiplexer>();
        stillDown.SetupGet(m => m.IsConnected).Returns(false);
        await using var connection = new RedisConnection(options.Value.Redis, TimeProvider.System, NullLogger<RedisConnection>.Instance, _ => Task.FromResult(stillDown.Object));
        await connection.GetDatabaseAsync(CancellationToken.None);

        var result = await CheckAsync(new StorageHealthCheck(options, connection));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(_server.ConnectionString, result.Description, StringComparison.Ordinal);
        Assert.Contains("not restored yet", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_answering_and_this_instance_connected_is_ready()
    {
        var options = Options();
        await using var connection = await ConnectedAsync(options);

        var result = await CheckAsync(new StorageHealthCheck(options, connection));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("reachable", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_stopped_is_not_ready_whatever_this_instance_last_saw()
    {
        var options = Options();
        await using var connection = await ConnectedAsync(options);
        _server.Stop();
        try
        {
            var result = await CheckAsync(new StorageHealthCheck(options, connection));

            Assert.Equal(HealthStatus.Unhealthy, result.Status);
            Assert.Contains("unreachable", result.Description, StringComparison.Ordinal);
        }
        finally
        {
            _server.Start();
        }
    }

    private Microsoft.Extensions.Options.IOptions<StorageOptions> Options() => Microsoft.Extensions.Options.Options.Create(new StorageOptions
    {
        Provider = "Redis",
        Redis = new RedisStorageOptions
        {
            ConnectionString = _server.ConnectionString,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            OperationTimeout = TimeSpan.FromSeconds(1),
        },
    });

    /// <summary>This instance's connection, as the host makes it, connected to the test server.</summary>
    private static async Task<RedisConnection> ConnectedAsync(Microsoft.Extensions.Options.IOptions<StorageOptions> options)
    {
        var connection = new RedisConnection(options.Value.Redis, TimeProvider.System, NullLogger<RedisConnection>.Instance);
        await connection.GetDatabaseAsync(CancellationToken.None);
        return connection;
    }

    private static Task<HealthCheckResult> CheckAsync(StorageHealthCheck check) => check.CheckHealthAsync(new HealthCheckContext
    {
        Registration = new HealthCheckRegistration("storage", check, HealthStatus.Unhealthy, null),
    });
}
