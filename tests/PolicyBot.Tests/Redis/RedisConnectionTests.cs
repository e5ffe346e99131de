using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using PolicyBot.Options;
using PolicyBot.Storage;
using StackExchange.Redis;

namespace PolicyBot.Tests.Redis;

/// <summary>The connection's own decisions (no server): when a multiplexer that keeps failing is replaced, and health.</summary>
public sealed class RedisConnectionTests
{
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly List<Mock<IConnectionMultiplexer>> _made = [];

    [Fact]
    public async Task A_multiplexer_failing_for_ReconnectAfter_is_replaced_and_the_old_one_disposed()
    {
        await using var connection = Create();
        await connection.GetDatabaseAsync(CancellationToken.None);

        await connection.ReportFailureAsync(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down"));
        _time.Advance(ReconnectAfter - TimeSpan.FromSeconds(1));
        await connection.ReportFailureAsync(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down"));
        Assert.Equal(1, connection.Generation);

        _time.Advance(TimeSpan.FromSeconds(2));
        await connection.ReportFailureAsync(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down"));

        Assert.Equal(2, connection.Generation);
        _made[0].Verify(m => m.DisposeAsync(), Times.Once);
        await connection.GetDatabaseAsync(CancellationToken.None);
        _made[1].Verify(m => m.GetDatabase(It.IsAny<int>(), It.IsAny<object>()), Times.Once);
    }

    [Fact]
    public async Task A_success_between_failures_starts_the_count_again_and_a_new_multiplexer_gets_its_own_time()
    {
        await using var connection = Create();
        await connection.GetDatabaseAsync(CancellationToken.None);

        await connection.ReportFailureAsync(new TimeoutException("slow"));
        _time.Advance(ReconnectAfter * 2);
        connection.ReportSuccess();
        await connection.ReportFailureAsync(new TimeoutException("slow"));
        Assert.Equal(1, connection.Generation);

        _time.Advance(ReconnectAfter);
        await connection.ReportFailureAsync(new TimeoutException("slow"));
        Assert.Equal(2, connection.Generation);

        // Failing on: the new multiplexer is given ReconnectAfter of its own before it is replaced in turn.
        await connection.ReportFailureAsync(new TimeoutException("slow"));
        Assert.Equal(2, connection.Generation);
    }

    [Fact]
    public async Task Health_names_the_server_and_the_last_failure_while_disconnected_and_is_silent_when_connected()
    {
        await using var connection = Create();
        Assert.Contains("not connected yet", connection.HealthProblem(), StringComparison.Ordinal);

        await connection.GetDatabaseAsync(CancellationToken.None);
        await connection.ReportFailureAsync(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "It was not possible to connect"));
        var problem = connection.HealthProblem();

        Assert.Contains("redis.internal:6380", problem, StringComparison.Ordinal);
        Assert.Contains("unreachable", problem, StringComparison.Ordinal);
        Assert.Contains("It was not possible to connect", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", problem, StringComparison.Ordinal);

        _made[0].SetupGet(m => m.IsConnected).Returns(true);
        Assert.Null(connection.HealthProblem());
    }

    [Fact]
    public async Task The_multiplexer_is_made_to_keep_retrying_and_with_the_configured_timeouts()
    {
        ConfigurationOptions? used = null;
        await using var connection = new RedisConnection(
            new RedisStorageOptions { ConnectionString = "redis.internal:6380,password=s3cret,abortConnect=true", ConnectTimeout = TimeSpan.FromSeconds(4), OperationTimeout = TimeSpan.FromSeconds(2) },
            _time,
            NullLogger<RedisConnection>.Instance,
            configuration =>
            {
                used = configuration;
                return Task.FromResult(NewMultiplexer());
            });

        await connection.GetDatabaseAsync(CancellationToken.None);

        Assert.NotNull(used);
        Assert.False(used.AbortOnConnectFail);
        Assert.Equal(4_000, used.ConnectTimeout);
        Assert.Equal(2_000, used.AsyncTimeout);
        Assert.Equal(2_000, used.SyncTimeout);
        Assert.Equal("s3cret", used.Password);
    }

    private RedisConnection Create() => new(
        new RedisStorageOptions { ConnectionString = "redis.internal:6380,password=s3cret", ReconnectAfter = ReconnectAfter },
        _time,
        NullLogger<RedisConnection>.Instance,
        _ => Task.FromResult(NewMultiplexer()));

    private IConnectionMultiplexer NewMultiplexer()
    {
        var multiplexer = new Mock<IConnectionMultiplexer>();
        multiplexer.SetupGet(m => m.IsConnected).Returns(false);
        multiplexer.Setup(m => m.GetDatabase(It.IsAny<int>(), It.IsAny<object>())).Returns(Mock.Of<IDatabase>());
        _made.Add(multiplexer);
        return multiplexer.Object;
    }
}
