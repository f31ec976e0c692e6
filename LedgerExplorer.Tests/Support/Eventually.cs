namespace LedgerExplorer.Tests.Support;

/// <summary>Waits for an asynchronous outcome (a projection catching up) with a timeout, polling briefly — never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> Within<T>(TimeSpan timeout, Func<Task<T?>> probe) where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached within {timeout}.");
            await Task.Delay(25);
        }
    }
}
