using Chat.Messages;
using Chat.Search;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>
/// Columns of <c>messages</c> that are written with a message's row but never read back into it: the search tokens of
/// its text (<see cref="SearchTerms.IndexText"/>, FULLTEXT-indexed). Written in the same INSERT as the row, so a
/// message is searchable exactly when it is stored. A change to a message's text must rewrite them
/// (<see cref="UpdateSql"/>); a message whose content is emptied (deleted) is never a search hit even before that.
/// </summary>
internal static class MySqlDerivedColumns
{
    /// <summary>Appended to an INSERT's column list.</summary>
    public const string Columns = ", search_terms";

    /// <summary>For a text change: <c>UPDATE messages SET content = …{UpdateSql} WHERE …</c>, bound with <see cref="BindText"/>(command, 0, …).</summary>
    public const string UpdateSql = ", search_terms = @q0";

    /// <summary>Appended to row <paramref name="i"/>'s VALUES tuple.</summary>
    public static string Values(int i) => $",@q{i}";

    /// <summary>Binds row <paramref name="i"/>'s derived values.</summary>
    public static void Bind(MySqlCommand command, int i, ChatMessage message) => BindText(command, i, message.Content);

    public static void BindText(MySqlCommand command, int i, string content) =>
        command.Parameters.AddWithValue($"@q{i}", SearchTerms.IndexText(content));
}
