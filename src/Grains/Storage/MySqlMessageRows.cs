using System.Collections.Immutable;
using Chat.Messages;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>Rows of the <c>messages</c> table: the column list, reading them into messages, binding a message's values.</summary>
internal static class MySqlMessageRows
{
    /// <summary>
    /// The columns an append writes (the rest have their defaults: not edited, not deleted, no reactions); the search
    /// tokens (<see cref="MySqlDerivedColumns"/>) are written with them but never read back.
    /// </summary>
    public const string InsertColumns = StoredColumns + MySqlDerivedColumns.Columns;

    private const string StoredColumns = "room_id, seq, user_id, username, content, message_type, created_at, client_message_id, reply_to_seq, attachments, mentions";

    /// <summary>
    /// The columns a read selects from <c>messages</c> (unaliased): the row, and the message it replies to as that one is
    /// now (author, name, content: empty once deleted), by primary key.
    /// </summary>
    public const string Columns = StoredColumns + ", edited_at, deleted, reactions, " +
        "(SELECT JSON_ARRAY(o.user_id, o.username, o.content) FROM messages o WHERE o.room_id = messages.room_id AND o.seq = messages.reply_to_seq)";

    /// <summary>
    /// Row <paramref name="i"/>'s placeholders for <see cref="InsertColumns"/>, bound by <see cref="AddRowParameters"/>;
    /// its room is the parameter <paramref name="room"/>.
    /// </summary>
    public static string RowValues(int i, string room = "@room") => $"({room},@s{i},@u{i},@n{i},@c{i},@t{i},@a{i},@k{i},@r{i},@x{i},@m{i}{MySqlDerivedColumns.Values(i)})";

    /// <summary>Bytes a row may take in an INSERT's text, at most; see <see cref="EstimatedSize"/>.</summary>
    private const int RowOverheadBytes = 512;

    /// <summary>
    /// What <paramref name="pending"/>'s row may take in an INSERT's text, at most: every text character as 4 bytes
    /// (UTF-8, escaped) and, for the search tokens, 36 more per content character (a CJK character is a unigram and a
    /// bigram of 18 bytes each, the most any character yields), plus each attachment's JSON (its ids and numbers within the overhead). Generous on purpose: it
    /// only has to keep a combined statement under the server's packet limit.
    /// </summary>
    public static long EstimatedSize(PendingMessage pending) =>
        RowOverheadBytes
        + 4L * (pending.UserId.Length + pending.Username.Length + (pending.ClientMessageId?.Length ?? 0))
        + 40L * pending.Content.Length
        + (pending.Attachments.IsDefaultOrEmpty ? 0 : pending.Attachments.Sum(a => RowOverheadBytes + 4L * (a.FileName.Length + a.ContentType.Length)))
        + 4L * (pending.Mentions?.Sum(m => m.Length + 1) ?? 0);

    public static ChatMessage ToMessage(string roomId, long seq, PendingMessage pending) =>
        new(ChatMessage.MakeId(roomId, seq), roomId, seq, pending.UserId, pending.Username, pending.Content,
            MessageTypes.Text, pending.CreatedAt, pending.ClientMessageId,
            pending.Mentions is { Length: > 0 } ? pending.Mentions : null)
        { ReplyTo = pending.ReplyTo, Attachments = pending.Attachments };

    /// <summary>True when <paramref name="stored"/> is the row <paramref name="pending"/> was written as (same author, text, time and client id).</summary>
    public static bool IsStoredAs(ChatMessage stored, PendingMessage pending) =>
        stored.UserId == pending.UserId && stored.Content == pending.Content && stored.CreatedAt == pending.CreatedAt
        && stored.ClientMessageId == pending.ClientMessageId;

    /// <summary>Binds row <paramref name="i"/>'s values as <c>@s{i}</c>, <c>@u{i}</c>, … (the room is <c>@room</c>).</summary>
    public static void AddRowParameters(MySqlCommand command, int i, ChatMessage message)
    {
        command.Parameters.AddWithValue($"@s{i}", message.Seq);
        command.Parameters.AddWithValue($"@u{i}", message.UserId);
        command.Parameters.AddWithValue($"@n{i}", message.Username);
        command.Parameters.AddWithValue($"@c{i}", message.Content);
        command.Parameters.AddWithValue($"@t{i}", message.MessageType);
        command.Parameters.AddWithValue($"@a{i}", message.CreatedAt);
        command.Parameters.AddWithValue($"@k{i}", (object?)message.ClientMessageId ?? DBNull.Value);
        command.Parameters.AddWithValue($"@r{i}", (object?)message.ReplyTo?.Seq ?? DBNull.Value);
        command.Parameters.AddWithValue($"@x{i}", MessageAttachments.ToColumn(message.Attachments));
        command.Parameters.AddWithValue($"@m{i}", message.Mentions is { Length: > 0 } mentions ? string.Join(',', mentions) : DBNull.Value);
    }

    public static async Task<ImmutableArray<ChatMessage>> QueryAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var rows = ImmutableArray.CreateBuilder<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var roomId = reader.GetString(0);
            var seq = reader.GetInt64(1);
            rows.Add(new ChatMessage(ChatMessage.MakeId(roomId, seq), roomId, seq, reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(10) ? null : reader.GetString(10).Split(','))
            {
                ReplyTo = reader.IsDBNull(8) ? null : StoredMessageState.ReadReplyTo(reader.GetInt64(8), reader.IsDBNull(14) ? null : reader.GetString(14)),
                Attachments = MessageAttachments.FromColumn(reader.IsDBNull(9) ? null : reader.GetString(9)),
                EditedAt = reader.IsDBNull(11) ? null : reader.GetInt64(11),
                Deleted = reader.GetBoolean(12),
                Reactions = StoredMessageState.ReadReactions(reader.IsDBNull(13) ? null : reader.GetString(13)),
            });
        }
        return rows.ToImmutable();
    }

    /// <summary>The stored message a user sent with a client id, if any.</summary>
    public static async Task<ChatMessage?> FindByClientIdAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string roomId, string userId, string clientId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection, transaction,
            $"SELECT {Columns} FROM messages WHERE room_id = @room AND user_id = @user AND client_message_id = @client",
            cancellationToken, ("@room", roomId), ("@user", userId), ("@client", clientId));
        return rows.IsEmpty ? null : rows[0];
    }
}
