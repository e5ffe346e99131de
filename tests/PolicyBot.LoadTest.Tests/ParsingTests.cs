using System.Text;

namespace PolicyBot.LoadTest.Tests;

public sealed class ParsingTests
{
    private const string Status = "Name:\tPolicyBot\nVmPeak:\t 3000000 kB\nVmHWM:\t  130512 kB\nVmRSS:\t  124408 kB\nThreads:\t27\n";

    [Fact]
    public void Resident_memory_is_read_from_a_proc_status_text()
    {
        Assert.Equal(124_408, ProcessMemory.ReadKb(Status, "VmRSS", "status"));
        Assert.Equal(130_512, ProcessMemory.ReadKb(Status, "VmHWM", "status"));
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var error = Assert.Throws<FormatException>(() => ProcessMemory.ReadKb("Name:\tx\n", "VmRSS", "/proc/1/status"));
        Assert.Equal("/proc/1/status: no VmRSS line.", error.Message);
    }

    [Fact]
    public void A_field_in_other_units_is_refused() =>
        Assert.Throws<FormatException>(() => ProcessMemory.ReadKb("VmRSS:\t 12 MB\n", "VmRSS", "status"));

    [Fact]
    public void An_expect_replies_body_with_a_message_is_answered()
    {
        const string body = """
            {
              "activities": [
                { "type": "typing", "text": null },
                { "type": "message", "text": "You said: hi" }
              ]
            }
            """;
        Assert.True(TurnClient.HasMessageActivity(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("""{"activities": [{"type": "typing"}]}""")]
    [InlineData("""{"activities": []}""")]
    [InlineData("""{"activities": [{"type": "event", "value": {"type": "message"}}]}""")]
    [InlineData("""{"activities": [{"type": "mess""")]
    [InlineData("")]
    public void A_body_without_a_message_activity_is_not_answered(string body) =>
        Assert.False(TurnClient.HasMessageActivity(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void The_activity_sent_is_an_expect_replies_message_with_what_the_bot_requires()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(TurnClient.MessageActivity("conv-7", "run-42", "Who \"must\" act?"))!;

        Assert.Equal("message", json["type"]!.GetValue<string>());
        Assert.Equal("expectReplies", json["deliveryMode"]!.GetValue<string>());
        Assert.Equal("conv-7", json["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("run-42", json["id"]!.GetValue<string>());
        Assert.Equal("Who \"must\" act?", json["text"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["from"]!["id"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(json["serviceUrl"]!.GetValue<string>()));
    }

    [Fact]
    public void A_question_line_gives_its_text() =>
        Assert.Equal("What is Human Security?", QuestionSet.ReadQuestion("""{"q": "What is Human Security?", "topic": "human-security"}""", "q.jsonl:1"));

    [Theory]
    [InlineData("""{"question": "x"}""", "q.jsonl:3: expected an object with a non-empty string \"q\"")]
    [InlineData("""{"q": ""}""", "q.jsonl:3: expected an object")]
    [InlineData("""{"q": "x" """, "q.jsonl:3: not valid JSON")]
    public void A_bad_question_line_is_named_with_file_and_line(string line, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<InvalidDataException>(() => QuestionSet.ReadQuestion(line, "q.jsonl:3")).Message, StringComparison.Ordinal);

    [Fact]
    public void A_question_file_skips_blank_lines_and_names_the_bad_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"questions-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"q\": \"one\"}\n\n{\"q\": \"two\"}\n");
            Assert.Equal(["one", "two"], QuestionSet.Load(path));

            File.AppendAllText(path, "not json\n");
            Assert.Contains($"{path}:4", Assert.Throws<InvalidDataException>(() => QuestionSet.Load(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
