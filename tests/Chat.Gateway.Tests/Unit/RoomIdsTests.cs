using Chat.Errors;
using Chat.Gateway.Application.Rooms;

namespace Chat.Gateway.Tests.Unit;

public sealed class RoomIdsTests
{
    [Theory]
    [InlineData("General Chat", "general-chat")]
    [InlineData("  Team Café!! ", "team-cafe")]
    [InlineData("C# & .NET", "c-net")]
    [InlineData("日本語", "room")]
    [InlineData("---", "room")]
    public void ASlugKeepsLettersAndDigitsAndDashesTheRest(string name, string slug) =>
        Assert.Equal(slug, RoomIds.Slug(name));

    [Theory]
    [InlineData("General Chat")]
    [InlineData("日本語")]
    [InlineData("An extremely long room name that goes on and on well past the sixty four characters a room id may have")]
    public void ADerivedIdIsAValidRoomIdWithARandomSuffix(string name)
    {
        var first = RoomIds.FromName(name);
        var second = RoomIds.FromName(name);

        Assert.True(ChatRules.IsRoomId(first), first);
        Assert.True(first.Length <= ChatRules.RoomIdMaxLength);
        Assert.NotEqual(first, second);
        Assert.Equal(first[..^RoomIds.SuffixLength], second[..^RoomIds.SuffixLength]);
    }
}
