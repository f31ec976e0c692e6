namespace LedgerExplorer.Core.EventStore;

/// <summary>
/// The version a writer believes a stream is at. Versions start at 1; <see cref="NoStream"/> (0) says
/// "this stream must not exist yet". There is deliberately no "any": every append states what it saw.
/// </summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    public long Value { get; }

    public static ExpectedVersion NoStream => new(0);

    public static ExpectedVersion Exactly(long version) =>
        version >= 0 ? new(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "A stream version is never negative.");

    public override string ToString() => Value == 0 ? "no stream" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
