using System.Text;
using Chat.ServiceDefaults;
using Chat.ServiceDefaults.Secrets;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Auth;

/// <summary>
/// A configured signing key must be at least <see cref="JwtOptions.MinimumKeyBytes"/> bytes and, outside Development,
/// neither a placeholder from the examples nor too predictable (<see cref="SecretPolicy"/>). A missing key is
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
                    $"Jwt:SigningKey is required outside Development: set Jwt__SigningKey to at least {JwtOptions.MinimumKeyBytes} random bytes; {SecretPolicy.HowToGenerate}.");
        }

        var length = Encoding.UTF8.GetByteCount(options.SigningKey);
        if (length < JwtOptions.MinimumKeyBytes)
        {
            return ValidateOptionsResult.Fail(
                $"Jwt:SigningKey must be at least {JwtOptions.MinimumKeyBytes} bytes (got {length}); {SecretPolicy.HowToGenerate}.");
        }
        return !environment.IsDevelopment() && SecretPolicy.ProblemWithSigningKey("Jwt:SigningKey", options.SigningKey) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
