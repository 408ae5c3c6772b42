#!/usr/bin/env bash
# Command one: set up (if needed) and run the FootCheck app on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/venv.sh requirements.txt
exec .venv/bin/python -m streamlit run app.py --server.port "${PORT:-8501}" "$@"
