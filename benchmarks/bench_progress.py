"""Progress page benchmark: five years of daily logs against one week, same page, same run.

Run: ``.venv/bin/python benchmarks/bench_progress.py`` (or ``make bench``).
Target (issue 7): the Progress page with five years of logs for a 10-exercise routine takes no
more than twice as long as with one week of logs. Both are measured with Streamlit's AppTest
(the page script's full run, database reads and chart building included), several times each,
interleaved, and the medians compared.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from footcheck.demo import create_demo
from footcheck.store import Store, dispose_engine
from tests.apptest import open_app

REPEATS = 7


def prepare(folder: Path, days: int) -> tuple[str, int]:
    url = f"sqlite:///{folder / f'progress-{days}.db'}"
    summary = create_demo(Store(url), days=days, exercises=10, every_day=True)
    return url, summary.profile_id


def timed_run(url: str, profile_id: int) -> float:
    os.environ["FOOTCHECK_DB_URL"] = url
    at = open_app(profile_id)
    at.switch_page("app_pages/progress.py")
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].value}")
    return elapsed


def main() -> None:
    import streamlit as st

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        week = prepare(folder, 7)
        years = prepare(folder, 1826)
        store = Store(years[0])
        logs = len(store.exercise_logs(years[1]))
        sessions = len(store.sessions(years[1]))
        timings: dict[str, list[float]] = {"1 week": [], "5 years": []}
        for _ in range(REPEATS):
            for label, (url, pid) in (("1 week", week), ("5 years", years)):
                st.cache_data.clear()
                st.cache_resource.clear()
                timings[label].append(timed_run(url, pid))
        for url, _ in (week, years):
            dispose_engine(url)
    one, five = statistics.median(timings["1 week"]), statistics.median(timings["5 years"])
    print(f"Progress page, median of {REPEATS} AppTest runs each")
    print(f"  1 week of logs            {one * 1000:7.0f} ms")
    print(
        f"  5 years ({sessions} sessions, {logs} exercise logs, 10-exercise routine) "
        f"{five * 1000:7.0f} ms"
    )
    print(f"  ratio 5 years / 1 week    {five / one:7.2f}   (target <= 2)")


if __name__ == "__main__":
    main()
