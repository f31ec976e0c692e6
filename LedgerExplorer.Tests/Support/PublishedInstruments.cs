using System.Diagnostics.Metrics;

namespace LedgerExplorer.Tests.Support;

public static class PublishedInstruments
{
    /// <summary>What a meter publishes, as an OpenTelemetry exporter or dotnet-counters lists it: each instrument's name, unit and description, in name order.</summary>
    public static IReadOnlyList<(string Name, string? Unit, string? Description)> Of(string meterName)
    {
        var published = new List<(string, string?, string?)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == meterName) published.Add((instrument.Name, instrument.Unit, instrument.Description));
        };
        listener.Start(); // hands over every instrument already made
        return [.. published.Order()];
    }
}
