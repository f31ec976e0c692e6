namespace LedgerExplorer.App.Features.Edge;

/// <summary>
/// Which <c>Host</c> headers the App answers (<c>AllowedHosts</c>, semicolon-separated; by default only the loopback
/// names). Anything else is 400 before any endpoint runs: a page on another site that points its own DNS name at
/// 127.0.0.1 (DNS rebinding) would otherwise read every decrypted owner name from <c>GET /api/accounts</c>.
/// </summary>
public static class LoopbackHosts
{
    public const string Default = "localhost;127.0.0.1;[::1]";

    public static IServiceCollection AddLoopbackHostFiltering(this IServiceCollection services, IConfiguration configuration) =>
        services.AddHostFiltering(options =>
        {
            var configured = configuration["AllowedHosts"];
            options.AllowedHosts = (string.IsNullOrWhiteSpace(configured) ? Default : configured).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            options.AllowEmptyHosts = false;
        });
}
