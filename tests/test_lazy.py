"""``wasmvet.analysis.lazy.cached_property``: computed once per instance, and a thread
computing one object's property does not hold up another thread asking about another object
(``functools.cached_property`` of Python 3.11 shares one lock between all instances, which
stalled the language server's small-package lints behind a huge package's)."""

from __future__ import annotations

import threading

from wasmvet.analysis.lazy import cached_property


class Slow:
    def __init__(self, gate: threading.Event | None) -> None:
        self.gate = gate
        self.computed = 0

    @cached_property
    def value(self) -> int:
        """Waits for the gate, if any."""
        self.computed += 1
        if self.gate is not None:
            self.gate.wait()
        return 42


def test_computed_once_per_instance() -> None:
    one = Slow(None)
    assert (one.value, one.value, one.computed) == (42, 42, 1)
    assert Slow.value.__doc__ == "Waits for the gate, if any."


def test_another_instance_does_not_wait_for_one_being_computed() -> None:
    gate = threading.Event()
    blocked = Slow(gate)
    first = threading.Thread(target=lambda: blocked.value, daemon=True)
    first.start()
    while blocked.computed == 0:  # the first thread is inside the property
        threading.Event().wait(0.001)
    answers: list[int] = []
    second = threading.Thread(target=lambda: answers.append(Slow(None).value), daemon=True)
    second.start()
    second.join(5)  # a deadlock guard, not a time measured: it answers at once or never
    answered = list(answers)  # before the first one is let go
    gate.set()
    first.join(5)
    assert answered == [42]
