#!/usr/bin/env bash
# Mutation testing (issue 23): Stryker.NET over LedgerExplorer.Core, one part at a time, each with the tests that speak to
# it (mutation/LedgerExplorer.MutationTests.csproj picks them by MutationScope). Slow — minutes per part — so not part
# of ./test.sh. Runs on a copy of the committed tree (Stryker rewrites assemblies in the copy's bin, never here) and
# writes the reports to mutation-reports/<part>/ and the score table to mutation-reports/scores.md.
# mutation/stryker-config.json leaves calls to the logger out (Log*: what a log line says is not the behaviour tested).
# Projections runs in three slices (its proofs replay whole logs, so one run of all its mutants outlasts a session): each
# slice is its own Stryker run with the same tests, its report in mutation-reports/Projections/<slice>/; the table adds
# the slices up.
#   ./mutation.sh                        every part
#   ./mutation.sh Domain Privacy         some
#   ./mutation.sh Projections/Loop       one slice of Projections
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

# The files of each slice of Projections, as --mutate globs (every file of the part is in exactly one slice).
P="**/LedgerExplorer.Core/Projections"
declare -A slice=(
  [Projections/Tables]="$P/Balances/**/*.cs $P/History/**/*.cs $P/Statements/**/*.cs $P/RowOverlay.cs $P/ReadModelDump.cs $P/ReadModelFormat.cs $P/ProjectedEvent.cs $P/SnapshotRecord.cs"
  [Projections/Loop]="$P/Projector*.cs $P/ProjectionMetrics.cs $P/ProjectionStatus*.cs"
  [Projections/Runner]="$P/*.cs !$P/RowOverlay.cs !$P/ReadModelDump.cs !$P/ReadModelFormat.cs !$P/ProjectedEvent.cs !$P/SnapshotRecord.cs !$P/Projector*.cs !$P/ProjectionMetrics.cs !$P/ProjectionStatus*.cs"
)
runs=()
for part in "${parts[@]}"; do
  if [ "$part" = Projections ]; then runs+=(Projections/Tables Projections/Runner Projections/Loop); else runs+=("$part"); fi
done

for run in "${runs[@]}"; do
  part=${run%%/*}
  # EF Core's generated migrations and the design-time factories (used only by `dotnet ef`) are not the part's behaviour.
  mutate=(--mutate "!**/Migrations/**/*.cs" --mutate "!**/DesignTime*.cs")
  if [ -n "${slice[$run]:-}" ]; then
    set -f; for glob in ${slice[$run]}; do mutate+=(--mutate "$glob"); done; set +f
  else
    mutate+=(--mutate "**/LedgerExplorer.Core/$part/**/*.cs")
  fi
  # The JetStream adapter's tests need a nats-server cluster per mutant: it is left out (docs/EVIDENCE.md says so).
  [ "$part" = EventStore ] && mutate+=(--mutate "!**/EventStore/JetStream/**/*.cs")
  echo "== $run"
  rm -rf "mutation-reports/$run" && mkdir -p "mutation-reports/$run"
  log="mutation-reports/$run/stryker.log"
  # The whole of Stryker's output goes to the log (a failed build or test run is said there); the summary lines here.
  (cd "$work/mutation" && MutationScope=$part dotnet tool run dotnet-stryker \
      --project LedgerExplorer.Core.csproj --test-runner mtp "${mutate[@]}" \
      --reporter json --reporter html --reporter progress --concurrency 2 \
      --output "$work/out/$run") >"$log" 2>&1 || { echo "Stryker failed on $run: $log"; tail -20 "$log"; exit 1; }
  grep -E "mutants (created|tested)|mutation score" "$log" || true
  cp "$work/out/$run/reports/"* "mutation-reports/$run/" || { echo "no report for $run: $log"; exit 1; }
done

dotnet run mutation/Scores.cs -- mutation-reports | tee mutation-reports/scores.md
