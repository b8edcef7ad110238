using Chat.Grains.Users;
using Chat.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Chat.Grains.Tests.Users;

/// <summary>User rows written before the session version was retired still load, with everything else intact.</summary>
public sealed class UserStateCompatibilityTests
{
    [Fact]
    public void AStateWrittenWithTheRetiredSessionVersionLoadsWithItsProfileHashAndRooms()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var profile = new UserProfile("u-1", "ann", "ann@example.test", "Ann", null, 1);
        var written = serializer.SerializeToArray(new UserStateWithSessionVersion
        {
            Profile = profile,
            PasswordHash = "hash",
            SessionVersion = 7,
            PrivateRooms = ["team"],
        });

        var loaded = serializer.Deserialize<UserState>(written);

        Assert.NotNull(loaded);
        Assert.Equal(profile, loaded.Profile);
        Assert.Equal("hash", loaded.PasswordHash);
        Assert.Equal(["team"], loaded.PrivateRooms);
    }
}

/// <summary>The first fields of <see cref="UserState"/> as rows were written while it had <c>SessionVersion</c> (id 2).</summary>
[GenerateSerializer]
public sealed class UserStateWithSessionVersion
{
    [Id(0)]
    public UserProfile? Profile { get; set; }

    [Id(1)]
    public string PasswordHash { get; set; } = "";

    [Id(2)]
    public int SessionVersion { get; set; }

    [Id(3)]
    public HashSet<string> PrivateRooms { get; set; } = [];
}
