using Microsoft.Extensions.Options;

namespace Chat.Gateway.Application.Messages;

/// <summary>Once per lease lifetime: returns expired leases' unspent tokens to their users' grains (<see cref="SendBudget.Sweep"/>).</summary>
public sealed class SendBudgetSweeper(SendBudget budget, IOptions<SendBudgetOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseLifetime, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                budget.Sweep();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
