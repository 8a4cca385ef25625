"""Conversions that lose bits where int is 32 bits (TinyGo): ``int(x)`` of a value that is
64 bits wide and, in ordinary use, larger than 2^31 (``time.Since``, ``UnixNano``, 64-bit
hashes). Shared by WV504 and the dependency summaries that carry what a function narrows."""

from __future__ import annotations

from tree_sitter import Node

from wasmvet.analysis.scope import Resolver

# Go APIs whose int64/uint64 results exceed 32 bits in ordinary use (go doc, go1.27.3).
WIDE_RESULTS = {
    "time.Time.UnixNano": "nanoseconds since 1970 (about 1.8e18)",
    "time.Time.UnixMicro": "microseconds since 1970 (about 1.8e15)",
    "time.Time.UnixMilli": "milliseconds since 1970 (about 1.8e12)",
    "time.Since": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)",
    "time.Until": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)",
    "time.Time.Sub": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)",
    "time.Duration.Nanoseconds": "nanoseconds (2^31 ns is 2.1 s)",
    "hash.Hash64.Sum64": "a 64-bit hash",
    "hash/maphash.Hash.Sum64": "a 64-bit hash",
    "hash/crc64.Checksum": "a 64-bit checksum",
    "math/rand.Int63": "a random 63-bit number",
    "math/rand.Uint64": "a random 64-bit number",
    "math/rand/v2.Int64": "a random 64-bit number",
    "math/rand/v2.Uint64": "a random 64-bit number",
}
WIDE_TYPES = {"time.Duration": "a time.Duration in nanoseconds (2^31 ns is 2.1 s)"}
NARROW = frozenset({"int", "uint", "uintptr"})


def narrowing_conversions(resolver: Resolver) -> list[tuple[Node, str, str]]:
    """(call, the 32-bit type it converts to, why the value is wide) for each conversion of
    the resolver's file that narrows a value known to be wide."""
    found = []
    for call, narrow in resolver.predeclared_calls(NARROW):
        args = call.child_by_field_name("arguments")
        if args is None or len(args.named_children) != 1:
            continue
        why = _wide(args.named_children[0], resolver)
        if why is not None:
            found.append((call, narrow, why))
    return found


def _wide(expr: Node, resolver: Resolver) -> str | None:
    """Why ``expr`` is wider than 32 bits in ordinary use, or None if it is not known to be."""
    if expr.type == "call_expression":
        symbol = resolver.call_symbol(expr)
        if symbol in WIDE_RESULTS:
            return WIDE_RESULTS[symbol]
    named = resolver.type_of(expr)
    return WIDE_TYPES.get(named or "")
