using System.Net;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Api;

/// <summary>The App's own assets come from wwwroot-assets/ at the repository's top level.</summary>
public sealed class StaticAssetsTests(LedgerAppFactory app) : IClassFixture<LedgerAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon", "favicon.ico")]
    [InlineData("/logo.svg", "image/svg+xml", "logo.svg")]
    [InlineData("/app.css", "text/css", "app.css")]
    public async Task Each_of_our_assets_is_served_byte_for_byte_from_wwwroot_assets(string path, string contentType, string file)
    {
        var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "wwwroot-assets", file), TestContext.Current.CancellationToken), served);
    }
}
