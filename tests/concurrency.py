"""Helpers that run the same store action in several processes at the same moment, the way
several app servers (or many sessions) hit one database."""

from __future__ import annotations

import multiprocessing
import sys
import traceback
import types
from collections.abc import Callable
from typing import Any


def _worker(
    prepare: Callable[..., Any] | None,
    action: Callable[..., Any],
    args: tuple,
    ready: Any,
    go: Any,
    results: Any,
) -> None:
    if prepare is not None:  # e.g. open the database, so that only the action races
        args = (prepare(args[0]), *args[1:])
    ready.put(True)
    go.wait()
    try:
        results.put(("ok", action(*args)))
    except BaseException:  # report whatever happened, as the server would see it
        results.put(("error", traceback.format_exc(limit=3)))


def at_once(
    action: Callable[..., Any],
    args_list: list[tuple],
    prepare: Callable[..., Any] | None = None,
    timeout: float = 120,
) -> list:
    """Start one process per ``args``, release them together, and return their outcomes as
    ("ok", value) or ("error", traceback text). ``prepare(first argument)``, if given, runs in
    each process before the release and its result replaces the first argument. Both must be
    importable (top level)."""
    ctx = multiprocessing.get_context("spawn")
    ready, go, results = ctx.Queue(), ctx.Event(), ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(prepare, action, args, ready, go, results))
        for args in args_list
    ]
    # A spawned process re-runs the parent's __main__ script; after an AppTest that is app.py
    # (Streamlit leaves its script module there). The workers need nothing from __main__.
    parent_main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        for worker in workers:
            worker.start()
    finally:
        sys.modules["__main__"] = parent_main
    for _ in workers:
        ready.get(timeout=timeout)  # every process has imported everything
    go.set()
    outcomes = [results.get(timeout=timeout) for _ in workers]
    for worker in workers:
        worker.join(timeout)
    return outcomes
