"""Structure of the TinyGo runtime-model data (server/runtime_model/data/tinygo.toml).

The file is loaded with tomllib directly, so these checks see exactly what is written there;
the model's own reading of it is checked in test_tinygo_targets.py.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA = Path(__file__).resolve().parents[1] / "server" / "runtime_model" / "data" / "tinygo.toml"

TINYGO_TARGETS = {"tinygo-wasm", "tinygo-wasip1", "tinygo-wasip2", "tinygo-wasm-unknown"}
SYMBOL_STATUSES = {
    "works",
    "runtime-error",
    "compile-error",
    "in-process-only",
    "no-op",
    "host-dependent",
    "exits",
}
PACKAGE_STATUSES = {"works", "partial", "unsupported"}
VERSION = re.compile(r"^0\.(0|[1-9][0-9]*)$")
# Matched case-insensitively, so TinyGo's GNUmakefile counts as "Makefile".
CITATION_MARKERS = ("src/", "targets/", "compiler/", "Makefile", "docs", "tinygo.org")

FACT_KEYS = {"id", "targets", "statement", "evidence"}
SYMBOL_KEYS = {"names", "targets", "status", "topic", "summary", "evidence"}
PACKAGE_KEYS = {"path", "targets", "status", "summary", "evidence"}
VERSION_KEYS = {"tinygo-since", "tinygo-until"}
OPTIONAL = {
    "fact": VERSION_KEYS,
    "symbol": VERSION_KEYS | {"error", "error-argument"},
    "package": VERSION_KEYS | {"error", "import-fails"},
    "directive": {"tinygo-until"},
    "wasmimport-types": VERSION_KEYS,
    "yield": set(),
}
REQUIRED = {
    "fact": FACT_KEYS,
    "symbol": SYMBOL_KEYS,
    "package": PACKAGE_KEYS,
    "directive": {"name", "targets", "tinygo-since", "before", "evidence"},
    "wasmimport-types": {"targets", "params", "results", "evidence"},
    "yield": {"names", "targets", "yields", "why", "evidence"},
}
# Every TinyGo citation names the release (or commit, or issue) it was read at.
RELEASE = re.compile(r"@(v0\.\d+\.\d+|[0-9a-f]{7,})|#\d+|\b0\.\d+")


def _load() -> dict[str, list[dict[str, Any]]]:
    with DATA.open("rb") as fh:
        return tomllib.load(fh)


DOC = _load()


def _entries() -> list[tuple[str, int, dict[str, Any]]]:
    return [(table, i, item) for table in REQUIRED for i, item in enumerate(DOC.get(table, []))]


ENTRIES = _entries()
IDS = [f"{table}[{i}]" for table, i, _ in ENTRIES]


def _minor(version: str) -> int:
    return int(version.split(".")[1])


def _is_tinygo_citation(text: str) -> bool:
    lowered = text.lower()
    return "tinygo" in lowered and any(marker.lower() in lowered for marker in CITATION_MARKERS)


def test_only_known_tables() -> None:
    assert set(DOC) <= set(REQUIRED), f"unexpected tables: {set(DOC) - set(REQUIRED)}"
    for table in REQUIRED:
        assert DOC.get(table), f"no [[{table}]] entries"


@pytest.mark.parametrize(("table", "index", "item"), ENTRIES, ids=IDS)
def test_keys(table: str, index: int, item: dict[str, Any]) -> None:
    missing = REQUIRED[table] - set(item)
    assert not missing, f"[[{table}]] #{index} lacks {sorted(missing)}"
    unknown = set(item) - REQUIRED[table] - OPTIONAL[table]
    assert not unknown, f"[[{table}]] #{index} has unknown keys {sorted(unknown)}"
    for key in ("statement", "summary", "topic", "id", "path", "error"):
        if key in item:
            assert isinstance(item[key], str) and item[key].strip(), f"empty {key}"


@pytest.mark.parametrize(("table", "index", "item"), ENTRIES, ids=IDS)
def test_evidence_cites_tinygo(table: str, index: int, item: dict[str, Any]) -> None:
    evidence = item["evidence"]
    assert isinstance(evidence, list) and evidence, "evidence must be a non-empty list"
    assert all(isinstance(e, str) and e.strip() for e in evidence), "empty evidence string"
    assert any(_is_tinygo_citation(e) for e in evidence), (
        f"[[{table}]] #{index}: no evidence string names TinyGo source or docs"
    )
    undated = [e for e in evidence if _is_tinygo_citation(e) and not RELEASE.search(e)]
    assert not undated, f"[[{table}]] #{index}: evidence without a release or commit: {undated}"


@pytest.mark.parametrize(("table", "index", "item"), ENTRIES, ids=IDS)
def test_targets(table: str, index: int, item: dict[str, Any]) -> None:
    targets = item["targets"]
    assert isinstance(targets, list) and targets, "targets must be a non-empty list"
    assert len(set(targets)) == len(targets), "duplicate target"
    assert set(targets) <= TINYGO_TARGETS, f"unknown targets {set(targets) - TINYGO_TARGETS}"


@pytest.mark.parametrize(("table", "index", "item"), ENTRIES, ids=IDS)
def test_version_range(table: str, index: int, item: dict[str, Any]) -> None:
    for key in VERSION_KEYS & set(item):
        assert isinstance(item[key], str) and VERSION.match(item[key]), (
            f"{key} = {item[key]!r} is not a '0.N' version string"
        )
    if set(item) >= VERSION_KEYS:
        assert _minor(item["tinygo-since"]) <= _minor(item["tinygo-until"])


def test_fact_ids_unique() -> None:
    ids = [fact["id"] for fact in DOC["fact"]]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("tinygo.") for i in ids)


@pytest.mark.parametrize("item", DOC["symbol"], ids=[s["names"][0] for s in DOC["symbol"]])
def test_symbol(item: dict[str, Any]) -> None:
    assert item["status"] in SYMBOL_STATUSES
    names = item["names"]
    assert isinstance(names, list) and names
    assert all(isinstance(n, str) and "." in n and " " not in n for n in names)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("item", DOC["package"], ids=[p["path"] for p in DOC["package"]])
def test_package(item: dict[str, Any]) -> None:
    assert item["status"] in PACKAGE_STATUSES
    assert re.fullmatch(r"[a-z0-9]+(/[a-z0-9]+)*", item["path"]), item["path"]


def _overlaps(a: dict[str, Any], b: dict[str, Any]) -> bool:
    lo_a, hi_a = _minor(a.get("tinygo-since", "0.0")), _minor(a.get("tinygo-until", "0.10000"))
    lo_b, hi_b = _minor(b.get("tinygo-since", "0.0")), _minor(b.get("tinygo-until", "0.10000"))
    return lo_a <= hi_b and lo_b <= hi_a


def test_no_conflicting_symbol_entries() -> None:
    """A symbol may have several entries only if their targets or version ranges differ."""
    seen: dict[str, list[dict[str, Any]]] = {}
    for item in DOC["symbol"]:
        for name in item["names"]:
            for other in seen.get(name, []):
                shared = set(item["targets"]) & set(other["targets"])
                assert not (shared and _overlaps(item, other)), (
                    f"{name}: two entries cover {sorted(shared)} for overlapping versions"
                )
            seen.setdefault(name, []).append(item)


def test_no_conflicting_package_entries() -> None:
    seen: dict[str, list[dict[str, Any]]] = {}
    for item in DOC["package"]:
        for other in seen.get(item["path"], []):
            shared = set(item["targets"]) & set(other["targets"])
            assert not (shared and _overlaps(item, other)), (
                f"{item['path']}: two entries cover {sorted(shared)} for overlapping versions"
            )
        seen.setdefault(item["path"], []).append(item)


def test_leading_comment_states_versions_read() -> None:
    head = DATA.read_text(encoding="utf-8").split("[[", 1)[0]
    assert "0.38.0" in head and "0.34.0-dev" in head
    assert "issue" in head.lower()
