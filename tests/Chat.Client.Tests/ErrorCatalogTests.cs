using System.Globalization;
using System.Text.RegularExpressions;
using Chat.Contracts.Errors;

namespace Chat.Client.Tests;

/// <summary>
/// The copies of the error catalog outside the server follow it: the .NET client's <see cref="ChatError"/> and the web
/// app's table in <c>frontend/src/api/errors.ts</c>. A row changed on one side only fails here.
/// </summary>
public sealed partial class ErrorCatalogTests
{
    [Fact]
    public void The_web_app_has_every_row_of_the_catalog_with_the_same_code_status_and_message()
    {
        var webRows = ReadWebAppCatalog();

        Assert.Equal(
            ErrorCatalog.All.Select(row => (row.WireCode, row.HttpStatus, row.DefaultMessage)),
            webRows);
    }

    [Fact]
    public void Every_wire_code_of_the_catalog_reads_as_the_client_error_of_its_name()
    {
        foreach (var row in ErrorCatalog.All)
        {
            var canonical = ErrorCatalog.ByWireCode(row.WireCode);
            Assert.Equal(canonical.Name, ChatClientException.FromWireCode(row.WireCode).ToString());
            Assert.Equal(canonical.Name, ChatClientException.FromHttpStatus(row.HttpStatus).ToString());
        }
    }

    [Fact]
    public void Every_client_error_but_a_lost_connection_is_a_wire_code_of_the_catalog()
    {
        var fromCatalog = ErrorCatalog.All.Select(row => ErrorCatalog.ByWireCode(row.WireCode).Name).Distinct();

        Assert.Equal(
            Enum.GetNames<ChatError>().Where(name => name != nameof(ChatError.ConnectionLost)).Order(),
            fromCatalog.Order());
    }

    [Theory]
    [InlineData("something_new", ChatError.Internal)]
    [InlineData("", ChatError.Internal)]
    public void An_unknown_wire_code_is_an_internal_error(string code, ChatError expected) =>
        Assert.Equal(expected, ChatClientException.FromWireCode(code));

    [Theory]
    [InlineData(502, ChatError.Unavailable)]
    [InlineData(504, ChatError.Unavailable)]
    [InlineData(501, ChatError.Internal)]
    [InlineData(418, ChatError.BadRequest)]
    public void A_status_no_row_has_reads_as_its_class(int status, ChatError expected) =>
        Assert.Equal(expected, ChatClientException.FromHttpStatus(status));

    private static List<(string Code, int Status, string Message)> ReadWebAppCatalog()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "frontend", "src", "api", "errors.ts"));
        var start = source.IndexOf("export const errorCatalog = [", StringComparison.Ordinal);
        Assert.True(start >= 0, "frontend/src/api/errors.ts no longer exports the errorCatalog table.");
        var table = source[start..source.IndexOf("] as const", start, StringComparison.Ordinal)];
        return [.. WebAppRow().Matches(table).Select(match => (
            match.Groups["code"].Value,
            int.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture),
            match.Groups["message"].Value))];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Chat.Orleans.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Chat.Orleans.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\{\s*code:\s*'(?<code>[a-z_]+)',\s*status:\s*(?<status>\d+),\s*message:\s*'(?<message>[^']*)'\s*\}")]
    private static partial Regex WebAppRow();
}
