using System.Text.Json.Serialization;
using Chat.Contracts;

namespace Chat.Gateway.WebSockets;

/// <summary>The reply to <c>search_messages</c>: as <c>GET /chat/search</c>'s body.</summary>
public sealed record SearchResultsFrame(string? RequestId, IReadOnlyList<MessageDto> Results, string? NextCursor)
{
    [JsonPropertyOrder(-1)] public string Type => "search_results";
}
