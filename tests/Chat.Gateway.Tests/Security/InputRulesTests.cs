using Chat.Errors;

namespace Chat.Gateway.Tests.Security;

/// <summary>
/// Names cannot smuggle control or bidi-override characters (a display name that renders as someone else's, a room
/// name that reverses what follows it); messages keep what a chat needs; passwords follow NIST 800-63B.
/// </summary>
public sealed class InputRulesTests
{
    public static TheoryData<string> Hostile => new()
    {
        "evil\u202Egnp.exe",   // right-to-left override
        "admin\u2066x\u2069",   // isolates
        "bell\u0007",
        "nul\u0000name",
        "esc\u001B[31mred",
        "c1\u0085next",
        "del\u007F",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void NamesWithControlOrBidiOverrideCharactersAreRefused(string value)
    {
        Assert.Throws<ChatException>(() => ChatRules.ValidateDisplayName(value));
        Assert.Throws<ChatException>(() => ChatRules.ValidateRoomName(value));
        Assert.Throws<ChatException>(() => ChatRules.ValidateRoomDescription(value));
        Assert.Throws<ChatException>(() => ChatRules.ValidateContent(value));
        Assert.Throws<ChatException>(() => ChatRules.ValidateClientMessageId(value));
        Assert.Throws<ChatException>(() => ChatRules.ValidateEmail($"{value}@example.test"));
    }

    [Fact]
    public void AnUnpairedSurrogateIsNotTextAndIsRefused()
    {
        // Built here: xUnit cannot carry a lone surrogate through theory data.
        var lone = "lone" + (char)0xD800 + "surrogate";

        Assert.Throws<ChatException>(() => ChatRules.ValidateContent(lone));
        Assert.Throws<ChatException>(() => ChatRules.ValidateDisplayName(lone));
        Assert.Equal("pair 😀", ChatRules.ValidateContent("pair 😀"));
    }

    [Theory]
    [InlineData("line one\nline two\r\n\tindented")]
    [InlineData("你好，世界 👋🏽 مرحبا")]
    [InlineData("family 👨‍👩‍👧 flag 🇯🇵")]
    public void MessageContentKeepsNewlinesTabsEmojiAndCjk(string content)
    {
        Assert.Equal(content, ChatRules.ValidateContent(content));
    }

    [Fact]
    public void ANameMayNotContainALineBreakButADescriptionMay()
    {
        Assert.Throws<ChatException>(() => ChatRules.ValidateRoomName("two\nlines"));
        Assert.Throws<ChatException>(() => ChatRules.ValidateDisplayName("tab\there"));
        Assert.Equal("two\nlines", ChatRules.ValidateRoomDescription("two\nlines"));
        Assert.Equal("Zoë 山田", ChatRules.ValidateDisplayName("Zoë 山田"));
    }

    [Fact]
    public void TheErrorNamesTheCharacterWithoutPrintingIt()
    {
        var error = Assert.Throws<ChatException>(() => ChatRules.ValidateRoomName("a\u202Eb"));

        Assert.Equal(ChatErrorCode.BadRequest, error.Code);
        Assert.Contains("U+202E", error.Message);
        Assert.DoesNotContain("\u202E", error.Message);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Password1")]
    [InlineData("12345678")]
    [InlineData("qwerty123")]
    [InlineData("iloveyou")]
    [InlineData("P@ssw0rd")]
    [InlineData("aaaaaaaa")]
    [InlineData("letmein2024")]
    public void CommonBreachedPasswordsAreRefusedWithAClearMessage(string password)
    {
        var error = Assert.Throws<ChatException>(() => ChatRules.ValidatePassword(password));

        Assert.Contains("common", error.Message);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("tangerine-otter-4-lamps")]
    [InlineData("ünïcødé pässwörd ✓")]
    [InlineData("alllowercasenodigits")]
    public void LongUncommonPasswordsNeedNoCompositionRules(string password)
    {
        ChatRules.ValidatePassword(password);
    }

    [Fact]
    public void TheBundledListHoldsHundredsOfEntriesAndLengthStaysEightToOneHundredTwentyEight()
    {
        Assert.True(CommonPasswords.Count >= 500, $"only {CommonPasswords.Count} common passwords bundled");
        Assert.Throws<ChatException>(() => ChatRules.ValidatePassword("seven77"));
        Assert.Throws<ChatException>(() => ChatRules.ValidatePassword(new string('x', 64) + new string('y', 65)));
        ChatRules.ValidatePassword(new string('x', 64) + new string('y', 64));
    }
}
