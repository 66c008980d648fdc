"""Large task results handed to the flow outside Prefect's bookkeeping.

A submitted task's return value stays referenced from its Prefect state, which sits in
a reference cycle with the task's future; the cycle is freed only when Python's cyclic
garbage collector gets round to it, so in practice every parsed batch of a run stayed in
memory until the flow ended (measured: the flow process grew past 1.1 GB at 10,000
guides, against ~600 MB with the batches freed). A task running in the flow's process
therefore parks its result here and returns a small ``Ticket``; the flow claims the
value once, and only the ticket is left for Prefect to hold.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from typing import Any

_parked: dict[int, Any] = {}
_lock = threading.Lock()
_numbers = itertools.count()


@dataclass(frozen=True, slots=True)
class Ticket:
    """Claim check for a parked value (meaningful only in the process that parked it)."""

    number: int


def park(value: Any) -> Ticket:
    with _lock:
        ticket = Ticket(next(_numbers))
        _parked[ticket.number] = value
    return ticket


def claim(ticket: Ticket) -> Any:
    """The parked value, removed from the store (a ticket is good for one claim)."""
    with _lock:
        return _parked.pop(ticket.number)


def discard_all() -> None:
    """Drop values never claimed (a flow that failed half-way)."""
    with _lock:
        _parked.clear()
