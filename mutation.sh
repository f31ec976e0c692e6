#!/usr/bin/env bash
# Mutation testing (issue 23): Stryker.NET over LedgerExplorer.Core, one part at a time, each with the tests that speak to
# it (mutation/LedgerExplorer.MutationTests.csproj picks them by MutationScope). Slow — minutes per part — so not part
# of ./test.sh. Runs on a copy of the committed tree (Stryker rewrites assemblies in the copy's bin, never here) and
# writes the reports to mutation-reports/<part>/ and the score table to mutation-reports/scores.md.
# mutation/stryker-config.json leaves calls to the logger out (Log*: what a log line says is not the behaviour tested).
#   ./mutation.sh                 every part
#   ./mutation.sh Domain Privacy  some
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(Domain Serialization EventStore Projections Privacy Snapshots Audit)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
work=$(mktemp -d /tmp/ledger-mutation.XXXXXX)
trap 'rm -rf "$work"' EXIT
git archive HEAD | tar -x -C "$work"
cp dotnet-tools.json "$work/"
mkdir -p mutation-reports

for part in "${parts[@]}"; do
  # EF Core's generated migrations and the design-time factories (used only by `dotnet ef`) are not the part's behaviour.
  mutate=(--mutate "**/LedgerExplorer.Core/$part/**/*.cs" --mutate "!**/Migrations/**/*.cs" --mutate "!**/DesignTime*.cs")
  # The JetStream adapter's tests need a nats-server cluster per mutant: it is left out (docs/EVIDENCE.md says so).
  [ "$part" = EventStore ] && mutate+=(--mutate "!**/EventStore/JetStream/**/*.cs")
  echo "== $part"
  rm -rf "mutation-reports/$part" && mkdir -p "mutation-reports/$part"
  log="mutation-reports/$part/stryker.log"
  # The whole of Stryker's output goes to the log (a failed build or test run is said there); the summary lines here.
  (cd "$work/mutation" && MutationScope=$part dotnet tool run dotnet-stryker \
      --project LedgerExplorer.Core.csproj --test-runner mtp "${mutate[@]}" \
      --reporter json --reporter html --reporter progress --concurrency 2 \
      --output "$work/out/$part") >"$log" 2>&1 || { echo "Stryker failed on $part: $log"; tail -20 "$log"; exit 1; }
  grep -E "mutants (created|tested)|mutation score" "$log" || true
  cp "$work/out/$part/reports/"* "mutation-reports/$part/" || { echo "no report for $part: $log"; exit 1; }
done

dotnet run mutation/Scores.cs -- mutation-reports | tee mutation-reports/scores.md
