namespace Chat.Silo.Storage;

/// <summary>One versioned schema change: statements run in order, once, recorded in <c>schema_migrations</c>.</summary>
public sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);

/// <summary>
/// The schema, as an append-only list: a released migration is never edited, a change is a new version.
/// Orleans' ADO.NET grain storage reads its SQL from <c>OrleansQuery</c> and keeps state in <c>OrleansStorage</c>;
/// we create both ourselves (Orleans ships no MySQL scripts in its packages), keeping the parameter and
/// column names its provider binds to.
/// </summary>
public static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "messages", [
            """
            CREATE TABLE IF NOT EXISTS messages (
                room_id           VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                seq               BIGINT       NOT NULL,
                user_id           VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                username          VARCHAR(64)  NOT NULL,
                content           TEXT         NOT NULL,
                message_type      VARCHAR(16)  CHARACTER SET ascii NOT NULL,
                created_at        BIGINT       NOT NULL,
                client_message_id VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
                PRIMARY KEY (room_id, seq),
                UNIQUE KEY ux_messages_client_message (room_id, user_id, client_message_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
            """,
        ]),
        new(2, "orleans grain storage", [
            """
            CREATE TABLE IF NOT EXISTS OrleansQuery (
                QueryKey  VARCHAR(64)   NOT NULL,
                QueryText VARCHAR(8000) NOT NULL,
                CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
            """,
            """
            CREATE TABLE IF NOT EXISTS OrleansStorage (
                GrainIdHash            INT          NOT NULL,
                GrainIdN0              BIGINT       NOT NULL,
                GrainIdN1              BIGINT       NOT NULL,
                GrainTypeHash          INT          NOT NULL,
                GrainTypeString        VARCHAR(512) NOT NULL,
                GrainIdExtensionString VARCHAR(512) NULL,
                ServiceId              VARCHAR(150) NOT NULL,
                PayloadBinary          MEDIUMBLOB   NULL,
                ModifiedOn             DATETIME     NOT NULL,
                Version                INT          NULL,
                INDEX IX_OrleansStorage (GrainIdHash, GrainTypeHash)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
            """,
            "DROP PROCEDURE IF EXISTS WriteToStorage",
            $"""
            CREATE PROCEDURE WriteToStorage(
                IN _GrainIdHash INT, IN _GrainIdN0 BIGINT, IN _GrainIdN1 BIGINT, IN _GrainTypeHash INT,
                IN _GrainTypeString VARCHAR(512) CHARACTER SET utf8mb4, IN _GrainIdExtensionString VARCHAR(512) CHARACTER SET utf8mb4,
                IN _ServiceId VARCHAR(150) CHARACTER SET utf8mb4,
                IN _GrainStateVersion INT, IN _PayloadBinary MEDIUMBLOB)
            BEGIN
                DECLARE _newVersion INT DEFAULT _GrainStateVersion;
                DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
                START TRANSACTION;
                IF _GrainStateVersion IS NOT NULL THEN
                    UPDATE OrleansStorage
                    SET PayloadBinary = _PayloadBinary, ModifiedOn = UTC_TIMESTAMP(), Version = Version + 1
                    WHERE {GrainMatch} AND Version = _GrainStateVersion
                    LIMIT 1;
                    IF ROW_COUNT() > 0 THEN SET _newVersion = _GrainStateVersion + 1; END IF;
                ELSE
                    INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                        GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
                    SELECT _GrainIdHash, _GrainIdN0, _GrainIdN1, _GrainTypeHash, _GrainTypeString,
                        _GrainIdExtensionString, _ServiceId, _PayloadBinary, UTC_TIMESTAMP(), 1
                    FROM DUAL
                    WHERE NOT EXISTS (SELECT 1 FROM OrleansStorage WHERE {GrainMatch});
                    IF ROW_COUNT() > 0 THEN SET _newVersion = 1; END IF;
                END IF;
                SELECT _newVersion AS NewGrainStateVersion;
                COMMIT;
            END
            """,
            .. VersionCheckedProcedure("ClearStorage", "UPDATE OrleansStorage SET PayloadBinary = NULL, Version = Version + 1"),
            .. VersionCheckedProcedure("DeleteStorage", "DELETE FROM OrleansStorage"),
            """
            REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES
            ('ReadFromStorageKey',
             'SELECT PayloadBinary, UTC_TIMESTAMP(), Version FROM OrleansStorage
              WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash AND @GrainTypeHash IS NOT NULL
                AND GrainIdN0 = @GrainIdN0 AND @GrainIdN0 IS NOT NULL AND GrainIdN1 = @GrainIdN1 AND @GrainIdN1 IS NOT NULL
                AND GrainTypeString = @GrainTypeString AND GrainTypeString IS NOT NULL
                AND ((@GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString IS NOT NULL AND GrainIdExtensionString = @GrainIdExtensionString)
                     OR @GrainIdExtensionString IS NULL AND GrainIdExtensionString IS NULL)
                AND ServiceId = @ServiceId AND @ServiceId IS NOT NULL
              LIMIT 1;'),
            ('WriteToStorageKey',
             'call WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);'),
            ('ClearStorageKey',
             'call ClearStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion);'),
            ('DeleteStorageKey',
             'call DeleteStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion);')
            """,
        ]),
        new(30, "public room directory as rows", [
            """
            CREATE TABLE IF NOT EXISTS public_rooms (
                position    BIGINT       NOT NULL AUTO_INCREMENT,
                room_id     VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                name        VARCHAR(200) NOT NULL,
                description TEXT         NOT NULL,
                created_by  VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                created_at  BIGINT       NOT NULL,
                PRIMARY KEY (position),
                UNIQUE KEY ux_public_rooms_room (room_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
            """,
        ]),
        // How many members each listed room has (GET /chat/rooms), written by the room grain after membership changes;
        // rows listed before this version show 0 until their room is next activated.
        new(90, "public room member counts", [
            "ALTER TABLE public_rooms ADD COLUMN IF NOT EXISTS member_count INT NOT NULL DEFAULT 0",
        ]),
        // conv (issue #14): the user ids a message mentions, comma-separated (server-made ids contain no comma).
        new(40, "message mentions", [
            "ALTER TABLE messages ADD COLUMN IF NOT EXISTS mentions VARCHAR(2048) CHARACTER SET ascii COLLATE ascii_bin NULL",
        ]),
        new(50, "message edits, deletions, reactions, replies and the change feed", [
            """
            ALTER TABLE messages
                ADD COLUMN IF NOT EXISTS reply_to_seq BIGINT     NULL,
                ADD COLUMN IF NOT EXISTS edited_at    BIGINT     NULL,
                ADD COLUMN IF NOT EXISTS deleted      TINYINT(1) NOT NULL DEFAULT 0,
                ADD COLUMN IF NOT EXISTS reactions    MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL
            """,
            """
            CREATE TABLE IF NOT EXISTS message_changes (
                room_id    VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                change_seq BIGINT      NOT NULL,
                seq        BIGINT      NOT NULL,
                changed_at BIGINT      NOT NULL,
                PRIMARY KEY (room_id, change_seq)
            ) ENGINE=InnoDB
            """,
        ]),
        // Search (docs/PROTOCOL.md "search"): hashed tokens of each message's words and CJK unigrams/bigrams, written with
        // the row (Chat.Grains.Search). Rows stored before this version have NULL here and are filled by the silo's backfill.
        new(60, "message search terms", [
            "ALTER TABLE messages ADD COLUMN IF NOT EXISTS search_terms MEDIUMTEXT CHARACTER SET ascii COLLATE ascii_bin NULL",
            "CREATE FULLTEXT INDEX IF NOT EXISTS ft_messages_search_terms ON messages (search_terms)",
        ]),
        // Attachments (docs/PROTOCOL.md "Attachments"): metadata, bytes in rows of at most 256 KiB, and the attachments a
        // message carries (JSON of AttachmentInfo, written with the row). 61 is the search backfill's completion marker.
        new(62, "attachments", [
            """
            CREATE TABLE IF NOT EXISTS attachments (
                id           CHAR(32)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
                file_name    VARCHAR(255) NOT NULL,
                content_type VARCHAR(100) CHARACTER SET ascii NOT NULL,
                size         BIGINT       NOT NULL,
                width        INT          NULL,
                height       INT          NULL,
                uploader_id  VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                room_id      VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NULL,
                created_at   BIGINT       NOT NULL,
                complete     BOOLEAN      NOT NULL,
                KEY ix_attachments_unposted (room_id, created_at)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
            """,
            """
            CREATE TABLE IF NOT EXISTS attachment_chunks (
                attachment_id CHAR(32)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
                chunk_index   INT        NOT NULL,
                data          MEDIUMBLOB NOT NULL,
                PRIMARY KEY (attachment_id, chunk_index)
            ) ENGINE=InnoDB
            """,
            "ALTER TABLE messages ADD COLUMN IF NOT EXISTS attachments TEXT NULL",
        ]),
        // Search across rooms walks messages newest first (Chat.Grains.Search.MySqlMessageSearch): InnoDB appends the
        // primary key (room_id, seq) to this index, so it holds exactly the results' order (created_at, room_id, seq).
        new(63, "messages by time", [
            "CREATE INDEX IF NOT EXISTS ix_messages_created ON messages (created_at)",
        ]),
    ];

    /// <summary>
    /// The identity of one grain's row, as Orleans' own MySQL scripts match it (NULL-safe extension key). Keys compare
    /// byte for byte (utf8mb4_bin) whatever the database's default collation, which procedure parameters inherit.
    /// </summary>
    private const string GrainMatch =
        "GrainIdHash = _GrainIdHash AND GrainTypeHash = _GrainTypeHash AND GrainIdN0 = _GrainIdN0 AND GrainIdN1 = _GrainIdN1 " +
        "AND GrainTypeString = _GrainTypeString COLLATE utf8mb4_bin " +
        "AND GrainIdExtensionString <=> _GrainIdExtensionString COLLATE utf8mb4_bin " +
        "AND ServiceId = _ServiceId COLLATE utf8mb4_bin";

    /// <summary>
    /// Drops and re-creates a procedure that applies <paramref name="change"/> to one grain's row only while the row
    /// still has the version the caller read (Orleans' optimistic concurrency) and answers the version it now has.
    /// ClearStorage and DeleteStorage differ only in that statement; the SQL text is the one migration 2 released.
    /// </summary>
    private static string[] VersionCheckedProcedure(string name, string change) =>
    [
        $"DROP PROCEDURE IF EXISTS {name}",
        $"""
        CREATE PROCEDURE {name}(
            IN _GrainIdHash INT, IN _GrainIdN0 BIGINT, IN _GrainIdN1 BIGINT, IN _GrainTypeHash INT,
            IN _GrainTypeString VARCHAR(512) CHARACTER SET utf8mb4, IN _GrainIdExtensionString VARCHAR(512) CHARACTER SET utf8mb4,
            IN _ServiceId VARCHAR(150) CHARACTER SET utf8mb4,
            IN _GrainStateVersion INT)
        BEGIN
            DECLARE _newVersion INT DEFAULT _GrainStateVersion;
            {change}
            WHERE {GrainMatch} AND Version = _GrainStateVersion
            LIMIT 1;
            IF ROW_COUNT() > 0 THEN SET _newVersion = _GrainStateVersion + 1; END IF;
            SELECT _newVersion AS NewGrainStateVersion;
        END
        """,
    ];
}
