using Bunit;
using LedgerExplorer.App.Features.Accounts;
using LedgerExplorer.Core.Application;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.Features.Accounts;

public sealed class AccountCommandPanelTests : LedgerBunitContext
{
    private static readonly AccountView Account = new("0a1b2c3d4e5f", "Ada Lovelace", Plan.Basic, "EUR", 100m, 2, AccountStatus.Open);

    private readonly List<(IAccountCommand Command, long? Expected)> _sent = [];
    private readonly List<string> _keys = [];

    public AccountCommandPanelTests() => RenderPopoverProvider();

    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public void After_a_deposit_the_panel_shows_the_state_the_command_returned_not_the_state_it_was_handed()
    {
        // The command's own result says 350.00 at version 3; the account handed in (a read) still says 100.00 at 2.
        var cut = RenderPanel(_ => Accepted(Account with { Balance = 350m, Version = 3 }, position: 41));

        cut.Find("input[data-testid=amount]").Change("250");
        cut.Find("button[data-testid=deposit]").Click();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("350.00 EUR", cut.Find("[data-testid=balance]").TextContent.Trim());
            Assert.Equal("3", cut.Find("[data-testid=version]").TextContent.Trim());
            Assert.Contains("global position 41", cut.Find("[data-testid=command-result]").TextContent, StringComparison.Ordinal);
        });
        Assert.Equal([(new Deposit(250m) as IAccountCommand, (long?)null)], _sent);
    }

    [Fact]
    public void Withdraw_change_plan_and_close_send_their_commands()
    {
        var cut = RenderPanel(_ => Accepted(Account with { Version = Account.Version + 1 }));

        cut.Find("input[data-testid=amount]").Change("30");
        cut.Find("button[data-testid=withdraw]").Click();
        cut.Find("button[data-testid=change-plan]").Click();
        cut.Find("button[data-testid=close]").Click();

        cut.WaitForAssertion(() => Assert.Equal(3, _sent.Count));
        Assert.Equal<IAccountCommand>([new Withdraw(30m), new ChangePlan(Plan.Plus), new CloseAccount()], _sent.Select(s => s.Command));
    }

    [Fact]
    public void With_the_expected_version_box_ticked_the_command_carries_the_shown_version()
    {
        var cut = RenderPanel(_ => Accepted(Account with { Balance = 200m, Version = 3 }));

        cut.Find("input[data-testid=expected-version]").Change(true);
        cut.Find("button[data-testid=deposit]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2L, Assert.Single(_sent).Expected));
    }

    [Fact]
    public void A_refusal_is_shown_as_a_readable_message_and_the_balance_stays()
    {
        var cut = RenderPanel(_ => new CommandOutcome.Refused(DomainError.Rejected("insufficient_funds", "Cannot withdraw 500.00: at most 100.00 is available.")));

        cut.Find("input[data-testid=amount]").Change("500");
        cut.Find("button[data-testid=withdraw]").Click();

        cut.WaitForAssertion(() => Assert.Contains("at most 100.00 is available", cut.Find("[data-testid=command-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("100.00 EUR", cut.Find("[data-testid=balance]").TextContent.Trim());
    }

    [Fact]
    public void A_conflict_names_the_expected_and_actual_versions()
    {
        var cut = RenderPanel(_ => new CommandOutcome.Conflict(new ConcurrencyException("account-0a1b2c3d4e5f", 2, 5)));

        cut.Find("button[data-testid=deposit]").Click();

        cut.WaitForAssertion(() =>
        {
            var message = cut.Find("[data-testid=command-error]").TextContent;
            Assert.Contains("expected version 2", message, StringComparison.Ordinal);
            Assert.Contains("at version 5", message, StringComparison.Ordinal);
        });
    }

    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public void Trying_again_after_a_failure_sends_the_same_key_so_it_cannot_apply_twice_and_the_next_command_gets_a_new_one()
    {
        var calls = 0;
        var cut = Render<AccountCommandPanel>(p => p
            .Add(x => x.Account, Account)
            .Add(x => x.DoubleClickWindow, TimeSpan.Zero)
            .Add(x => x.Execute, (command, expected, key) =>
            {
                _keys.Add(key);
                return ++calls == 1
                    ? Task.FromException<CommandOutcome>(new TimeoutException("no answer in time")) // it may have been applied, or not
                    : Task.FromResult(Accepted(Account with { Balance = 200m, Version = 2 + calls }));
            }));

        cut.Find("button[data-testid=deposit]").Click();
        cut.WaitForAssertion(() => Assert.Contains("no answer in time", cut.Find("[data-testid=command-error]").TextContent, StringComparison.Ordinal));
        cut.Find("button[data-testid=deposit]").Click(); // try again
        cut.WaitForAssertion(() => Assert.Equal("4", cut.Find("[data-testid=version]").TextContent.Trim()));
        cut.Find("button[data-testid=deposit]").Click(); // a new, deliberate deposit

        cut.WaitForAssertion(() => Assert.Equal(3, _keys.Count));
        Assert.Equal(_keys[0], _keys[1]);
        Assert.NotEqual(_keys[1], _keys[2]);
    }

    [Fact]
    [Trait("Proof", "ReadYourOwnWrites")]
    public void A_second_click_right_after_the_answer_is_the_rest_of_a_double_click_and_carries_the_same_key()
    {
        var cut = RenderPanel(_ => Accepted(Account with { Balance = 130m, Version = 3 }));

        cut.Find("button[data-testid=deposit]").Click();
        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=version]").TextContent.Trim()));
        cut.Find("button[data-testid=deposit]").Click(); // within the double-click window

        cut.WaitForAssertion(() => Assert.Equal(2, _keys.Count));
        Assert.Equal(_keys[0], _keys[1]); // so the log answers with the first deposit and appends nothing
    }

    [Fact]
    public void Another_command_right_after_an_answer_is_another_intent_with_a_key_of_its_own()
    {
        var cut = RenderPanel(_ => Accepted(Account with { Balance = 130m, Version = 3 }));

        cut.Find("button[data-testid=deposit]").Click();
        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-testid=version]").TextContent.Trim()));
        cut.Find("button[data-testid=withdraw]").Click(); // within the double-click window, but not the same command

        cut.WaitForAssertion(() => Assert.Equal(2, _keys.Count));
        Assert.NotEqual(_keys[0], _keys[1]);
    }

    [Fact]
    public void An_unexpected_failure_is_shown_and_the_page_stays()
    {
        var cut = RenderPanel(_ => throw new IOException("the disk went away"));

        cut.Find("button[data-testid=deposit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("the disk went away", cut.Find("[data-testid=command-error]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(cut.FindAll("button[data-testid=deposit]")); // still usable
    }

    [Fact]
    public void A_closed_account_offers_no_commands()
    {
        var cut = RenderPanel(_ => throw new InvalidOperationException("no command expected"), Account with { Status = AccountStatus.Closed, Balance = 0m });

        Assert.Empty(cut.FindAll("button[data-testid=deposit]"));
        Assert.Empty(cut.FindAll("button[data-testid=close]"));
    }

    [Fact]
    [Trait("Proof", "Bitemporal")]
    public void A_manager_can_post_a_deposit_with_the_day_it_happened_and_why_and_a_teller_cannot()
    {
        var cut = RenderPanel(_ => Accepted(Account with { Balance = 350m, Version = 3 }));

        cut.Find("input[data-testid=amount]").Change("250");
        cut.Find("input[data-testid=occurred-at]").Change("2026-10-01T12:00");
        cut.Find("input[data-testid=late-reason]").Change("salary posted late");
        cut.Find("button[data-testid=deposit]").Click();

        var sent = Assert.IsType<Deposit>(Assert.Single(_sent).Command);
        Assert.Equal(new Backdating(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero), "salary posted late"), sent.Backdated);

        SignInAs("alice", App.Features.Identity.LedgerRoles.Teller);
        var teller = RenderPanel(_ => Accepted(Account));
        Assert.True(teller.Find("input[data-testid=occurred-at]").HasAttribute("disabled"));
    }

    private IRenderedComponent<AccountCommandPanel> RenderPanel(Func<IAccountCommand, CommandOutcome> answer, AccountView? account = null) =>
        Render<AccountCommandPanel>(p => p
            .Add(x => x.Account, account ?? Account)
            .Add(x => x.Execute, (command, expected, key) =>
            {
                _sent.Add((command, expected));
                _keys.Add(key);
                return Task.FromResult(answer(command));
            }));

    private static CommandOutcome Accepted(AccountView state, long position = 10) =>
        new CommandOutcome.Accepted(new CommandResult(state.AccountId, state.Version, position, state));
}
