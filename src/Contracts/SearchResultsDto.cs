using System.Text.Json.Serialization;
using MessagePack;

namespace Chat.Contracts;

/// <summary>
/// A page of search results, newest first (<c>GET /chat/search</c>, hub <c>SearchMessages</c>). <see cref="NextCursor"/>
/// continues after this page (pass it back as <c>cursor</c>); absent when there is no further result. A page can hold
/// fewer results than the limit and still have a next one.
/// </summary>
[MessagePackObject]
public sealed record SearchResultsDto(
    [property: Key("results")] IReadOnlyList<MessageDto> Results,
    [property: Key("nextCursor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextCursor);
