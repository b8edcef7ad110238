namespace Chat.Sessions;

/// <summary>What became of a presented refresh token.</summary>
[GenerateSerializer, Alias("chat.RefreshOutcome")]
public enum RefreshOutcome
{
    /// <summary>It was current: the session now expects the next token.</summary>
    Rotated = 0,

    /// <summary>No living session has it (never issued, expired, or its session ended).</summary>
    Unknown = 1,

    /// <summary>It was already spent: the session has been ended, for whoever holds it.</summary>
    Reused = 2,
}
