using Microsoft.Data.Sqlite;

namespace PolicyBot.Analytics.Storage;

/// <summary>
/// The embedded store: one SQLite file (Microsoft.Data.Sqlite brings the native library, nothing is installed). WAL
/// mode, so the CLI's report reads while the bot writes; a batch is one transaction. Times are Unix milliseconds.
/// </summary>
public sealed class SqliteAnalyticsStore : IAnalyticsStore
{
    private const int SchemaVersion = 1;
    private const string HashKeyName = "conversation-hash-key";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS answers (
          id INTEGER PRIMARY KEY,
          time INTEGER NOT NULL,
          channel TEXT NOT NULL,
          language TEXT NOT NULL,
          input TEXT NOT NULL,
          outcome TEXT NOT NULL,
          node TEXT,
          topic TEXT,
          score REAL,
          path TEXT,
          conversation TEXT NOT NULL,
          content_version TEXT NOT NULL,
          question TEXT);
        CREATE INDEX IF NOT EXISTS answers_time ON answers (time);
        CREATE TABLE IF NOT EXISTS feedback (
          id INTEGER PRIMARY KEY,
          time INTEGER NOT NULL,
          channel TEXT NOT NULL,
          language TEXT NOT NULL,
          node TEXT NOT NULL,
          topic TEXT,
          rating TEXT NOT NULL,
          conversation TEXT NOT NULL,
          content_version TEXT NOT NULL,
          question TEXT,
          comment TEXT);
        CREATE INDEX IF NOT EXISTS feedback_time ON feedback (time);
        CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);
        """;

    private readonly string _connectionString;

    /// <param name="path">The database file; its folder is created when missing.</param>
    /// <param name="busyTimeout">How long a write waits for another writer (the CLI, a second process) before it fails.</param>
    public SqliteAnalyticsStore(string path, TimeSpan? busyTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling((busyTimeout ?? TimeSpan.FromSeconds(5)).TotalSeconds),
        }.ToString();
    }

    public string Path { get; }

    public string Description => "SQLite " + Path;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenAsync(cancellationToken);
        // WAL is a property of the file: set once, every later connection uses it.
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, Schema, cancellationToken, transaction);
        await ExecuteAsync(connection, $"PRAGMA user_version = {SchemaVersion};", cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<byte[]> GetOrCreateHashKeyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT OR IGNORE INTO settings (name, value) VALUES ($name, $value);";
            insert.Parameters.AddWithValue("$name", HashKeyName);
            insert.Parameters.AddWithValue("$value", ConversationHasher.NewKey());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM settings WHERE name = $name;";
        select.Parameters.AddWithValue("$name", HashKeyName);
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task AppendAsync(AnalyticsLog batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (batch.Answers.Count > 0)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO answers (time, channel, language, input, outcome, node, topic, score, path, conversation, content_version, question)
                VALUES ($time, $channel, $language, $input, $outcome, $node, $topic, $score, $path, $conversation, $version, $question);
                """;
            var p = Parameters(insert, "$time", "$channel", "$language", "$input", "$outcome", "$node", "$topic", "$score", "$path", "$conversation", "$version", "$question");
            foreach (var e in batch.Answers)
            {
                Set(p, e.Time.ToUnixTimeMilliseconds(), e.Channel, e.Language, e.Input, e.Outcome, e.NodeId, e.TopicId, e.Score, e.Path, e.ConversationHash, e.ContentVersion, e.Question);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (batch.Feedback.Count > 0)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO feedback (time, channel, language, node, topic, rating, conversation, content_version, question, comment)
                VALUES ($time, $channel, $language, $node, $topic, $rating, $conversation, $version, $question, $comment);
                """;
            var p = Parameters(insert, "$time", "$channel", "$language", "$node", "$topic", "$rating", "$conversation", "$version", "$question", "$comment");
            foreach (var f in batch.Feedback)
            {
                Set(p, f.Time.ToUnixTimeMilliseconds(), f.Channel, f.Language, f.NodeId, f.TopicId, f.Rating, f.ConversationHash, f.ContentVersion, f.Question, f.Comment);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<AnalyticsLog> ReadAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var sinceMs = since.ToUnixTimeMilliseconds();
        var answers = new List<AnswerEvent>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT time, channel, language, input, outcome, node, topic, score, path, conversation, content_version, question
                FROM answers WHERE time >= $since ORDER BY time, id;
                """;
            select.Parameters.AddWithValue("$since", sinceMs);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                answers.Add(new AnswerEvent(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(9), reader.GetString(10))
                {
                    NodeId = Text(reader, 5),
                    TopicId = Text(reader, 6),
                    Score = reader.IsDBNull(7) ? null : reader.GetDouble(7),
                    Path = Text(reader, 8),
                    Question = Text(reader, 11),
                });
            }
        }

        var feedback = new List<FeedbackEntry>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = """
                SELECT time, channel, language, node, topic, rating, conversation, content_version, question, comment
                FROM feedback WHERE time >= $since ORDER BY time, id;
                """;
            select.Parameters.AddWithValue("$since", sinceMs);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                feedback.Add(new FeedbackEntry(
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(5), reader.GetString(6), reader.GetString(7))
                {
                    TopicId = Text(reader, 4),
                    Question = Text(reader, 8),
                    Comment = Text(reader, 9),
                });
            }
        }

        return new AnalyticsLog(answers, feedback);
    }

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        long deleted = 0;
        foreach (var table in new[] { "answers", "feedback" })
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {table} WHERE time < $cutoff;";
            delete.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            deleted += await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open (and its WAL un-checkpointed) until the pool lets go.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last commits, as a crash loses the queue.
            await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL;", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(name => command.Parameters.Add(name, SqliteType.Text))];

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].SqliteType = values[i] switch
            {
                long => SqliteType.Integer,
                double => SqliteType.Real,
                _ => SqliteType.Text,
            };
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
