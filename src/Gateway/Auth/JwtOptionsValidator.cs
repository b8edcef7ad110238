using System.Text;
using Chat.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Auth;

/// <summary>
/// A configured signing key must be at least <see cref="JwtOptions.MinimumKeyBytes"/> bytes. A missing key is
/// refused outside Development and the embedded default, so a production gateway never starts with a key
/// nobody else knows (or a guessable one).
/// </summary>
public sealed class JwtOptionsValidator(IHostEnvironment environment, DeploymentMode mode) : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            return environment.IsDevelopment() || mode.IsEmbedded
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Jwt:SigningKey is required outside Development: set Jwt__SigningKey to at least {JwtOptions.MinimumKeyBytes} random bytes.");
        }

        var length = Encoding.UTF8.GetByteCount(options.SigningKey);
        return length >= JwtOptions.MinimumKeyBytes
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Jwt:SigningKey must be at least {JwtOptions.MinimumKeyBytes} bytes (got {length}).");
    }
}
