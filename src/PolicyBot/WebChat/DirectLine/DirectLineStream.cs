using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace PolicyBot.WebChat.DirectLine;

/// <summary>
/// One WebSocket of the development Direct Line: sends each activity set as a text frame (the backlog first),
/// reads and drops the client's keep-alive frames, and closes when the client, the server or the conversation ends.
/// </summary>
internal static class DirectLineStream
{
    public static async Task RunAsync(WebSocket socket, ChannelReader<string> activitySets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(activitySets);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveUntilClosedAsync(socket, done.Token);
        try
        {
            var sending = SendAllAsync(socket, activitySets, done.Token);
            await Task.WhenAny(receiving, sending);
        }
        finally
        {
            await done.CancelAsync();
        }

        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "stream ended", closeTimeout.Token);
        }
    }

    private static async Task SendAllAsync(WebSocket socket, ChannelReader<string> activitySets, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var activitySet in activitySets.ReadAllAsync(cancellationToken))
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(activitySet), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away first.
        }
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server side ended the stream.
        }
    }
}
