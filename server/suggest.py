"""``did you mean ...?`` for a mistyped target, rule code, flag or configuration key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` naming the closest of ``known`` (case aside), else ``""``.

    Closest by difflib's ratio (at least 0.6), then by characters in the same place
    (``WV3O1`` is ``WV301``, not ``WV315``).
    """
    typed = word.lower()

    def closeness(candidate: str) -> tuple[float, int]:
        lowered = candidate.lower()
        ratio = difflib.SequenceMatcher(None, typed, lowered).ratio()
        return ratio, sum(a == b for a, b in zip(typed, lowered, strict=False))

    scored = [(closeness(k), k) for k in known]
    best = max(scored, default=None, key=lambda item: item[0])
    return f" (did you mean {best[1]!r}?)" if best is not None and best[0][0] >= 0.6 else ""
