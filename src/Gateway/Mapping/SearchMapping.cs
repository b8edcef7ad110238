using Chat.Contracts;
using Chat.Search;

namespace Chat.Gateway.Mapping;

/// <summary>A page of search results in its public shape.</summary>
public static class SearchMapping
{
    public static SearchResultsDto ToDto(this SearchPage page) => new(page.Results.ToDtos(), page.Next?.ToCursor());
}
