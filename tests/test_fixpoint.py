"""CycleMemo against a brute-force fixpoint on random call graphs with cycles."""

from __future__ import annotations

import random

import pytest

from wasmvet.analysis.fixpoint import CycleMemo


def _closure(graph: dict[int, list[int]], own: dict[int, int]) -> dict[int, int]:
    """Each node's value: the largest ``own`` value among the nodes it reaches (itself too)."""
    result = {}
    for start in graph:
        seen, stack = {start}, [start]
        while stack:
            for callee in graph[stack.pop()]:
                if callee not in seen:
                    seen.add(callee)
                    stack.append(callee)
        result[start] = max(own[n] for n in seen)
    return result


@pytest.mark.parametrize("seed", range(200))
def test_matches_the_fixpoint_whatever_is_asked_first(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randint(1, 12)
    graph = {n: rng.sample(range(size), rng.randint(0, min(3, size))) for n in range(size)}
    own = {n: rng.choice([0, 0, 0, 1, 2]) for n in range(size)}
    memo: CycleMemo[int, int] = CycleMemo()

    def value(node: int) -> int:
        return memo.get(node, lambda: max([own[node]] + [value(c) for c in graph[node]]), 0)

    expected = _closure(graph, own)
    for node in rng.sample(range(size), size):
        assert value(node) == expected[node], (graph, own, node)


def test_a_failed_computation_leaves_nothing_behind() -> None:
    memo: CycleMemo[str, int] = CycleMemo()

    def fail() -> int:
        memo.get("b", lambda: memo.get("a", lambda: 0, 0) + 1, 0)
        raise RuntimeError

    with pytest.raises(RuntimeError):
        memo.get("a", fail, 0)
    assert memo.get("b", lambda: 5, 0) == 5
    assert memo.get("a", lambda: 7, 0) == 7
