using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.ServiceDefaults;

/// <summary>
/// The one way options are registered in every host: bound from their section, checked with their data annotations
/// (and <see cref="IValidatableObject"/>), and checked when the host starts, so a bad value refuses to start with the
/// setting's name instead of failing on first use.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Reads a section now (for values needed while the host is built) with the same checks as at start.</summary>
    public static TOptions ReadValidated<TOptions>(this IConfiguration configuration, string sectionName)
        where TOptions : class, new()
    {
        var options = new TOptions();
        configuration.GetSection(sectionName).Bind(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(sectionName, typeof(TOptions), results.Select(r => $"{sectionName}: {r.ErrorMessage}"));
        }
        return options;
    }
}
