using System.Text.Json.Nodes;

namespace LedgerExplorer.Core.Serialization;

/// <summary>
/// MoneyDeposited v1 stored the amount as an integer number of minor units (<c>amountInCents</c>) and the
/// free text as <c>memo</c>: <c>{"amountInCents":260000,"memo":"opening deposit"}</c>. v2 — today's record —
/// stores a decimal <c>amount</c> and a <c>reference</c>: <c>{"amount":2600.00,"reference":"opening deposit"}</c>.
/// </summary>
public sealed class MoneyDepositedV1ToV2 : IUpcaster
{
    // Stryker disable once String : read once, when the static UpcasterChain.Default is built (stryker-net#3742); UpcasterChainTests decodes through it
    public string EventType => "MoneyDeposited";

    public int FromVersion => 1;

    public JsonObject Upcast(JsonObject data)
    {
        var cents = data["amountInCents"]?.GetValue<long>() ?? throw new FormatException("v1 MoneyDeposited has no amountInCents");
        var upcast = new JsonObject { ["amount"] = decimal.Divide(cents, 100m) };
        if (data["memo"]?.GetValue<string>() is { } memo) upcast["reference"] = memo;
        return upcast;
    }
}
