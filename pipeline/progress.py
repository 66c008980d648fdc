"""Progress of a long run, reported to whoever listens (the CLI's progress bar).

The flow calls ``advance``; by default nothing listens. The CLI installs a
listener that shows a rich progress bar once a run has taken a few seconds, so
short runs print only their summary.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[int, int, str], None]  # (done, total, phase)
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    _listeners.append(listener)


def clear() -> None:
    _listeners.clear()


def advance(done: int, total: int, phase: str = "ingesting") -> None:
    for listener in list(_listeners):
        listener(done, total, phase)
