using System.Text;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LedgerExplorer.Core.Privacy;

/// <summary>The forget journal on the cluster: one message per subject with a forget under way (<c>{prefix}-keys.forget.{subject}</c>).</summary>
public sealed partial class JetStreamKeyStore
{
    /// <summary>One message per subject under way (the stream keeps one per subject: a second begin replaces the first).</summary>
    public void Begin(string subject) => Run(async () =>
    {
        await StreamAsync();
        // Stryker disable once String : the stamp is kept for a person reading the stream; nothing reads it back
        var stamp = Encoding.UTF8.GetBytes(DateTimeOffset.UtcNow.ToString("O"));
        (await _js.PublishAsync(_forgets + subject, stamp)).EnsureSuccess();
    });

    public void End(string subject) => Run(async () =>
    {
        var stream = await StreamAsync();
        await stream.PurgeAsync(new StreamPurgeRequest { Filter = _forgets + subject });
    });

    public IReadOnlyList<string> Pending() => Run(async () =>
    {
        await StreamAsync();
        var stream = await _js.GetStreamAsync(_stream, new StreamInfoRequest { SubjectsFilter = _forgets + ">" });
        return (IReadOnlyList<string>)(stream.Info.State.Subjects?.Keys.Select(s => s[_forgets.Length..]).Order(StringComparer.Ordinal).ToList() ?? []);
    });
}
