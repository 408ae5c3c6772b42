#!/usr/bin/env bash
# Command two: set up (if needed) and run every check: lint, format, unit, AppTest and browser
# tests on SQLite, then the database-facing ones again on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh requirements-dev.txt
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests (never a browser download)"
  scripts/apt-install.sh chromium || echo "Browser tests will be skipped." >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
# The same store, transfer, adherence, page and browser tests again on a throw-away PostgreSQL.
scripts/with-postgres.sh .venv/bin/python -m pytest -q \
  tests/test_store.py tests/test_transfer.py tests/test_adherence.py tests/test_documents.py \
  tests/test_pages.py tests/test_app_smoke.py tests/e2e
