using PolicyBot.Core.Knowledge;

namespace PolicyBot.Analytics.Report;

/// <summary>Counts an event log into a <see cref="ContentReport"/>; grouping the unanswered questions is the grouper's.</summary>
public static class ContentReportBuilder
{
    public static ContentReport Build(AnalyticsLog log, KnowledgeBase knowledge, IQuestionGrouper grouper, DateTimeOffset since, DateTimeOffset until, DateTimeOffset generated, string store)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(grouper);
        var answers = log.Answers.Where(a => a.Time >= since && a.Time <= until).ToList();
        var feedback = log.Feedback.Where(f => f.Time >= since && f.Time <= until).ToList();
        var questions = answers.Where(a => a.Input == Inputs.Text && Outcomes.OfQuestions.Contains(a.Outcome)).ToList();

        var perDay = questions
            .GroupBy(q => DateOnly.FromDateTime(q.Time.UtcDateTime))
            .Select(g => new DayCount(g.Key, g.Count()))
            .OrderBy(d => d.Day)
            .ToList();
        var perChannel = Shares(questions.GroupBy(q => q.Channel, StringComparer.Ordinal).Select(g => (g.Key, g.Count())), questions.Count)
            .OrderByDescending(s => s.Count).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var outcomes = Shares(Outcomes.OfQuestions.Select(o => (o, questions.Count(q => q.Outcome == o))), questions.Count).ToList();

        var reached = new HashSet<string>(answers.Where(a => a.Outcome == Outcomes.Answer && a.NodeId is not null).Select(a => a.NodeId!), StringComparer.Ordinal);
        var neverReached = knowledge.Topics
            .SelectMany(t => new[] { t }.Concat(t.Children))
            .Where(n => !reached.Contains(n.Id))
            .Select(n => Ref(n.Id, knowledge))
            .ToList();

        var unanswered = questions.Where(q => Outcomes.KeepsQuestion(q.Outcome)).ToList();
        var texts = unanswered.Where(q => !string.IsNullOrWhiteSpace(q.Question)).Select(q => new UnansweredQuestion(q.Question!, q.Language)).ToList();

        return new ContentReport
        {
            Since = since,
            Until = until,
            Generated = generated,
            Store = store,
            ContentVersion = knowledge.ContentVersion,
            Questions = questions.Count,
            Turns = answers.Count,
            Conversations = answers.Select(a => a.ConversationHash).Concat(feedback.Select(f => f.ConversationHash)).Distinct(StringComparer.Ordinal).Count(),
            QuestionsPerDay = perDay,
            QuestionsPerChannel = perChannel,
            Outcomes = outcomes,
            Feedback = Feedback(feedback, knowledge),
            NeverReached = neverReached,
            Unanswered = grouper.Group(texts, knowledge),
            Grouping = grouper.Method,
            UnansweredWithoutText = unanswered.Count - texts.Count,
        };
    }

    /// <summary>A node by id with its title; a node since removed from the knowledge keeps its id as its title.</summary>
    public static NodeRef Ref(string id, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return knowledge.Find(id) is { } node
            ? new NodeRef(node.Id, node.Title.Get(), node.TopicId)
            : new NodeRef(id, id + " (no longer in the knowledge)", id.Split('.')[0]);
    }

    private static IEnumerable<ShareCount> Shares(IEnumerable<(string Name, int Count)> counts, int total) =>
        counts.Select(c => new ShareCount(c.Name, c.Count, total == 0 ? 0 : (double)c.Count / total));

    private static List<NodeFeedback> Feedback(List<FeedbackEntry> feedback, KnowledgeBase knowledge) =>
        [.. feedback
            .GroupBy(f => f.NodeId, StringComparer.Ordinal)
            .Select(g => new NodeFeedback(
                Ref(g.Key, knowledge),
                g.Count(f => f.Rating == Ratings.Up),
                g.Count(f => f.Rating == Ratings.Down),
                [.. g.Where(f => f.Rating == Ratings.Comment && !string.IsNullOrWhiteSpace(f.Comment)).Select(f => new FeedbackComment(f.Time, f.Comment!, f.Question))],
                [.. g.Where(f => f.Rating == Ratings.Down && f.Question is not null).Select(f => f.Question!).Distinct(StringComparer.OrdinalIgnoreCase)]))
            .OrderByDescending(n => n.Down)
            .ThenByDescending(n => n.Comments.Count)
            .ThenBy(n => n.Node.Id, StringComparer.Ordinal)];
}
