using System.Collections.Immutable;
using System.Data;
using Chat.Attachments;
using Chat.Errors;
using Chat.Grains.Storage;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Chat.Grains.Attachments;

/// <summary>
/// Attachments on MySQL/MariaDB (migration 62): one row per attachment in <c>attachments</c>, its bytes in rows of at
/// most 256 KiB in <c>attachment_chunks</c>, so no statement or grain call carries a whole file. Every gateway reads the
/// same rows. Store failures become Unavailable.
/// </summary>
public sealed partial class MySqlAttachmentStore(MySqlConnections connections, ILogger<MySqlAttachmentStore> logger) : IAttachmentStore
{
    private const string Columns = "id, file_name, content_type, size, width, height, uploader_id, room_id, created_at, complete";

    public Task BeginAsync(StoredAttachment attachment, byte[] firstChunk, CancellationToken cancellationToken = default) =>
        Write(async connection =>
        {
            var info = attachment.Info;
            await ExecuteAsync(connection, null,
                $"INSERT INTO attachments ({Columns}) VALUES (@id, @name, @type, @size, @width, @height, @uploader, NULL, @created, 0)",
                cancellationToken, ("@id", info.Id), ("@name", info.FileName), ("@type", info.ContentType), ("@size", info.Size),
                ("@width", info.Width), ("@height", info.Height), ("@uploader", attachment.UploaderId), ("@created", attachment.CreatedAt));
            await InsertChunkAsync(connection, info.Id, 0, firstChunk, cancellationToken);
            return 0;
        }, cancellationToken);

    public Task AppendAsync(string id, int index, byte[] chunk, CancellationToken cancellationToken = default) =>
        Write(async connection => await InsertChunkAsync(connection, id, index, chunk, cancellationToken), cancellationToken);

    public Task CompleteAsync(string id, long size, CancellationToken cancellationToken = default) =>
        Write(connection => ExecuteAsync(connection, null, "UPDATE attachments SET complete = 1, size = @size WHERE id = @id",
            cancellationToken, ("@id", id), ("@size", size)), cancellationToken);

    public Task<StoredAttachment?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Run(connection => FindAsync(connection, null, id, cancellationToken), cancellationToken);

    public Task<byte[]?> ReadChunkAsync(string id, int index, CancellationToken cancellationToken = default) =>
        Run(async connection =>
        {
            await using var command = new MySqlCommand(
                "SELECT c.data FROM attachment_chunks c JOIN attachments a ON a.id = c.attachment_id " +
                "WHERE c.attachment_id = @id AND c.chunk_index = @index AND a.complete = 1", connection);
            command.Parameters.AddWithValue("@id", id);
            command.Parameters.AddWithValue("@index", index);
            return await command.ExecuteScalarAsync(cancellationToken) as byte[];
        }, cancellationToken);

    public Task<ImmutableArray<AttachmentInfo>> ClaimAsync(ImmutableArray<string> ids, string userId, string roomId, CancellationToken cancellationToken = default) =>
        Run(async connection =>
        {
            // Rows locked in id order, checked, then updated: two sends claiming the same upload for different rooms
            // cannot both succeed.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var claimed = ImmutableArray.CreateBuilder<AttachmentInfo>(ids.Length);
            foreach (var id in ids.Order(StringComparer.Ordinal))
            {
                var stored = await FindAsync(connection, transaction, id, cancellationToken, forUpdate: true);
                AttachmentClaims.Check(id, stored, userId, roomId);
            }
            foreach (var id in ids)
            {
                await ExecuteAsync(connection, transaction, "UPDATE attachments SET room_id = @room WHERE id = @id",
                    cancellationToken, ("@id", id), ("@room", roomId));
                claimed.Add((await FindAsync(connection, transaction, id, cancellationToken))!.Info);
            }
            await transaction.CommitAsync(cancellationToken);
            return claimed.ToImmutable();
        }, cancellationToken);

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        Write(async connection =>
        {
            await ExecuteAsync(connection, null, "DELETE FROM attachment_chunks WHERE attachment_id = @id", cancellationToken, ("@id", id));
            return await ExecuteAsync(connection, null, "DELETE FROM attachments WHERE id = @id", cancellationToken, ("@id", id));
        }, cancellationToken);

    public Task<int> DeleteUnpostedAsync(long createdBefore, CancellationToken cancellationToken = default) =>
        Run(async connection =>
        {
            // Chunks first, then the row, each only while the upload is still unposted (a claim meanwhile keeps it).
            await ExecuteAsync(connection, null,
                "DELETE c FROM attachment_chunks c JOIN attachments a ON a.id = c.attachment_id WHERE a.room_id IS NULL AND a.created_at < @before",
                cancellationToken, ("@before", createdBefore));
            return await ExecuteAsync(connection, null, "DELETE FROM attachments WHERE room_id IS NULL AND created_at < @before",
                cancellationToken, ("@before", createdBefore));
        }, cancellationToken);

    private static Task<int> InsertChunkAsync(MySqlConnection connection, string id, int index, byte[] chunk, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, "INSERT INTO attachment_chunks (attachment_id, chunk_index, data) VALUES (@id, @index, @data)",
            cancellationToken, ("@id", id), ("@index", index), ("@data", chunk));

    private static async Task<StoredAttachment?> FindAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string id, CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var command = new MySqlCommand(
            $"SELECT {Columns} FROM attachments WHERE id = @id" + (forUpdate ? " FOR UPDATE" : ""), connection, transaction);
        command.Parameters.AddWithValue("@id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var info = new AttachmentInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5));
        return new StoredAttachment(info, reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt64(8), reader.GetBoolean(9));
    }

    private static async Task<int> ExecuteAsync(
        MySqlConnection connection, MySqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = new MySqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<T> Run<T>(Func<MySqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            // Once more on a lost connection; a write that had landed then fails as a duplicate and is reported Unavailable.
            return await connections.RunAsync(work, work, cancellationToken);
        }
        catch (Exception ex) when (MySqlFailures.IsStoreFailure(ex))
        {
            LogStoreFailure(logger, ex, (ex as MySqlException)?.Number ?? 0);
            throw ChatException.Unavailable("The attachment store is unavailable; retry shortly.");
        }
    }

    private Task Write(Func<MySqlConnection, Task<int>> work, CancellationToken cancellationToken) => Run(work, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment store call failed (MySQL error {ErrorNumber})")]
    private static partial void LogStoreFailure(ILogger logger, Exception exception, int errorNumber);
}
