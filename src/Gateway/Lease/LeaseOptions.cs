using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Lease;

/// <summary>
/// The gateway's lease (section <c>Gateway:Lease</c>). A gateway that stops renewing is dropped from its rooms
/// after <see cref="Duration"/>: with the defaults, ghosts of a crashed gateway vanish in under 15 s.
/// </summary>
public sealed class LeaseOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Lease";

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Duration < RenewInterval * 2)
        {
            yield return new ValidationResult(
                "Gateway:Lease:Duration must be at least twice the RenewInterval, or one slow renewal drops a live gateway.",
                [nameof(Duration), nameof(RenewInterval)]);
        }
    }
}
