using Chat.Rooms;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>The directory on MySQL/MariaDB: table <c>public_rooms</c>, one row per listed room (migration 30).</summary>
public sealed class MySqlRoomDirectoryStore(MySqlConnections connections) : IRoomDirectoryStore
{
    public Task AddAsync(RoomInfo room, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            // The count is the room's to keep current (SetMemberCountAsync): re-listing a room never resets it.
            "INSERT INTO public_rooms (room_id, name, description, created_by, created_at, member_count) " +
            "VALUES (@id, @name, @description, @by, @at, @members) " +
            "ON DUPLICATE KEY UPDATE name = VALUES(name), description = VALUES(description)",
            cancellationToken,
            ("@id", room.Id), ("@name", room.Name), ("@description", room.Description), ("@by", room.CreatedBy), ("@at", room.CreatedAt),
            ("@members", room.MemberCount));

    public Task SetMemberCountAsync(string roomId, int memberCount, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE public_rooms SET member_count = @members WHERE room_id = @id", cancellationToken,
            ("@id", roomId), ("@members", memberCount));

    public Task RemoveAsync(string roomId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM public_rooms WHERE room_id = @id", cancellationToken, ("@id", roomId));

    public Task<IReadOnlyList<(long Position, RoomInfo Room)>> PageAsync(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        // A read: safe to run again on a fresh connection.
        return connections.RunAsync(Read, Read, cancellationToken);

        async Task<IReadOnlyList<(long, RoomInfo)>> Read(MySqlConnection connection)
        {
            await using var command = new MySqlCommand(
                "SELECT position, room_id, name, description, created_by, created_at, member_count FROM public_rooms " +
                "WHERE position > @after ORDER BY position LIMIT @limit", connection);
            command.Parameters.AddWithValue("@after", afterPosition);
            command.Parameters.AddWithValue("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var page = new List<(long, RoomInfo)>(limit);
            while (await reader.ReadAsync(cancellationToken))
            {
                page.Add((reader.GetInt64(0), new RoomInfo(
                    reader.GetString(1), reader.GetString(2), reader.GetString(3), IsPublic: true, reader.GetString(4), reader.GetInt64(5),
                    OwnerId: reader.GetString(4) is var by && by != "system" ? by : null, MemberCount: reader.GetInt32(6))));
            }
            return page;
        }
    }

    /// <summary>An idempotent write (an upsert or a delete): safe to run again on a fresh connection.</summary>
    private Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        return connections.RunAsync(Write, Write, cancellationToken);

        async Task<int> Write(MySqlConnection connection)
        {
            await using var command = new MySqlCommand(sql, connection);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
