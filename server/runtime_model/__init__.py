"""The runtime model: what each wasm target does, as data with evidence.

Rules never hard-code runtime behaviour; they ask this model, e.g.
``MODEL.symbol("os/exec.Command", "go-wasip1", go_minor=24)`` answers with the status on that
target, the exact error text and where the fact comes from.
"""

from wasmvet.runtime_model.model import (
    MODEL,
    Fact,
    RuntimeModel,
    Status,
    SymbolFact,
    YieldFact,
)

__all__ = ["MODEL", "Fact", "RuntimeModel", "Status", "SymbolFact", "YieldFact"]
