# The two commands a newcomer needs (see README.md).
.PHONY: run test bench format
run:
	scripts/run.sh

test:
	scripts/test.sh

bench:
	scripts/venv.sh requirements-dev.txt
	.venv/bin/python benchmarks/bench_engine.py
	.venv/bin/python benchmarks/bench_progress.py

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .
