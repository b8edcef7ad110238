using System.ComponentModel.DataAnnotations;

namespace Chat.Gateway.Application.Messages;

/// <summary>
/// How this gateway leases the users' send budgets (section <c>Gateway:SendBudget</c>; the budget itself, burst and
/// rate, is the silo's <c>Chat:RateLimit</c>). A lease is at most <see cref="MaxLease"/> tokens kept at most
/// <see cref="LeaseLifetime"/>: tokens a user's other gateways cannot use meanwhile, so both stay small.
/// </summary>
public sealed class SendBudgetOptions
{
    public const string SectionName = "Gateway:SendBudget";

    [Range(1, 1000, ErrorMessage = "Gateway:SendBudget:MaxLease must be between 1 and 1000 tokens.")]
    public int MaxLease { get; set; } = 8;

    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30", ErrorMessage = "Gateway:SendBudget:LeaseLifetime must be between 50 ms and 30 s.")]
    public TimeSpan LeaseLifetime { get; set; } = TimeSpan.FromSeconds(1);
}
