using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using PolicyBot.Infrastructure;
using PolicyBot.Options;

namespace PolicyBot.Tests.Redis;

public sealed class StorageOptionsTests
{
    private static readonly StorageOptionsValidator Validator = new();

    [Fact]
    public void Memory_is_the_default_and_needs_nothing_else()
    {
        var options = new StorageOptions();

        Assert.Equal("Memory", options.Provider);
        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("localhost:6379")]
    [InlineData("redis-1:6379,redis-2:6379,password=secret,ssl=true,abortConnect=false")]
    public void A_usable_redis_configuration_passes(string connectionString)
    {
        var options = new StorageOptions { Provider = "redis", Redis = { ConnectionString = connectionString } };

        Assert.True(Validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("Cassandra", "localhost:6379", "Storage:Provider: 'Cassandra' is not one of Memory, Redis.")]
    [InlineData("Redis", "", "Storage:Redis:ConnectionString: Storage:Provider is Redis but no connection string is set")]
    [InlineData("Redis", "password=secret", "Storage:Redis:ConnectionString: names no server")]
    [InlineData("Redis", "localhost:6379,bogus=1", "Storage:Redis:ConnectionString: cannot be parsed: Keyword 'bogus' is not supported.")]
    [InlineData("Redis", "localhost:99999", "Storage:Redis:ConnectionString: cannot be parsed: port ('99999')")]
    [InlineData("Redis", "local host:6379", "Storage:Redis:ConnectionString: 'local host' is not a host name.")]
    public void A_bad_provider_or_connection_string_is_named(string provider, string connectionString, string expected)
    {
        var options = new StorageOptions { Provider = provider, Redis = { ConnectionString = connectionString } };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_in_a_bad_connection_string_is_not_repeated()
    {
        var options = new StorageOptions { Provider = "Redis", Redis = { ConnectionString = "localhost:6379,password=hunter2,bogus=1" } };

        var result = Validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_expiry_and_timeouts_out_of_range_are_named()
    {
        var options = new StorageOptions
        {
            Provider = "Redis",
            Redis = { ConnectionString = "localhost:6379", ConversationExpiry = TimeSpan.FromDays(-1), ConnectTimeout = TimeSpan.Zero, OperationTimeout = TimeSpan.FromHours(1) },
        };

        var failures = Validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.StartsWith("Storage:Redis:ConversationExpiry: '-1.00:00:00' is negative", failures[0], StringComparison.Ordinal);
        Assert.StartsWith("Storage:Redis:ConnectTimeout:", failures[1], StringComparison.Ordinal);
        Assert.StartsWith("Storage:Redis:OperationTimeout:", failures[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_forgets_on_the_shared_idle_timeout_unless_its_older_key_is_set()
    {
        Assert.Equal(TimeSpan.FromHours(24), new StorageOptions().RedisExpiry);
        Assert.Equal(TimeSpan.FromHours(6), new StorageOptions { IdleTimeout = TimeSpan.FromHours(6) }.RedisExpiry);
        Assert.Equal(TimeSpan.FromDays(30), new StorageOptions { IdleTimeout = TimeSpan.FromHours(6), Redis = { ConversationExpiry = TimeSpan.FromDays(30) } }.RedisExpiry);
        Assert.Equal(TimeSpan.Zero, new StorageOptions { Redis = { ConversationExpiry = TimeSpan.Zero } }.RedisExpiry);
    }

    [Theory]
    [InlineData("00:00:59", "Storage:IdleTimeout: '00:00:59' must be from 00:01:00 to 365 days")]
    [InlineData("-1.00:00:00", "Storage:IdleTimeout: '-1.00:00:00' must be from 00:01:00 to 365 days")]
    public void An_idle_timeout_out_of_range_is_named_for_either_store(string idleTimeout, string expected)
    {
        foreach (var provider in new[] { "Memory", "Redis" })
        {
            var options = new StorageOptions { Provider = provider, IdleTimeout = TimeSpan.Parse(idleTimeout, System.Globalization.CultureInfo.InvariantCulture), Redis = { ConnectionString = "localhost:6379" } };

            Assert.Contains(expected, Validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_cap_out_of_range_is_named()
    {
        var options = new StorageOptions { Memory = { MaxConversations = -5 } };

        Assert.Contains("Storage:Memory:MaxConversations: '-5' must be from 1 to 10,000,000.", Validator.Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Provider", "Cassandra", "Storage:Provider")]
    [InlineData("Storage:Provider", "Redis", "Storage:Redis:ConnectionString")]
    [InlineData("Storage:Redis:ConversationExpiry", "-2.00:00:00", "Storage:Redis:ConversationExpiry")]
    [InlineData("Storage:Redis:ConversationExpiry", "a month", "Storage:Redis:ConversationExpiry")]
    public async Task A_bad_storage_setting_stops_the_host_with_a_message_naming_it(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key != "Storage:Provider")
        {
            settings["Storage:Provider"] = "Redis";
            settings["Storage:Redis:ConnectionString"] = "localhost:6379";
        }

        var error = await PolicyBot.Tests.Http.HostStartup.FailureAsync(settings);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
