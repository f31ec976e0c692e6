#!/usr/bin/env bash
# Refreshes docs/images from the browser tests (real Chromium over the real App). ./test.sh never writes there.
set -euo pipefail
cd "$(dirname "$0")"
LEDGER_SCREENSHOTS=1 dotnet test LedgerExplorer.sln --filter "FullyQualifiedName~LedgerExplorer.Tests.Browser"
git status --short docs/images
