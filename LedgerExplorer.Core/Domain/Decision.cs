namespace LedgerExplorer.Core.Domain;

/// <summary>The outcome of <see cref="AccountDecider.Decide"/>: the events to append, or why not.</summary>
public abstract record Decision
{
    private Decision() { }

    public sealed record Accepted(IReadOnlyList<IAccountEvent> Events) : Decision
    {
        /// <summary>The business time of the events when it is not "now": a backdated posting's, or a reversed event's.</summary>
        public DateTimeOffset? OccurredAt { get; init; }
    }

    public sealed record Refused(DomainError Error) : Decision;

    public static Decision Accept(params IAccountEvent[] events) => new Accepted(events);

    public static Decision AcceptAsOf(DateTimeOffset occurredAt, params IAccountEvent[] events) => new Accepted(events) { OccurredAt = occurredAt };

    public static Decision Refuse(DomainError error) => new Refused(error);
}
