"""Build tags as the go command reads them: ``-tags a,b`` and ``-tags`` inside ``$GOFLAGS``.

Follows cmd/go: ``$GOFLAGS`` is split on spaces, tabs and newlines, a field may be quoted
with ``'`` or ``"`` (no escapes: ``cmd/internal/quoted.Split``); each field is one flag, and a
flag's value is written ``-tags=a,b`` (``-tags a,b`` is go's "flag needs an argument" error);
the last ``-tags`` wins. A ``-tags`` value is a comma-separated list, empty items dropped, or
(Go 1.12 and before) a space-separated one when it holds a space or a ``'``
(``tagsFlag.Set`` in cmd/go/internal/work/build.go).
"""

from __future__ import annotations

_SPACES = " \t\n\r"


def quoted_split(text: str) -> list[str]:
    """Fields of ``text``, as ``cmd/internal/quoted.Split``; ValueError for an open quote."""
    fields: list[str] = []
    i = 0
    while i < len(text):
        if text[i] in _SPACES:
            i += 1
            continue
        if text[i] in "'\"":
            end = text.find(text[i], i + 1)
            if end < 0:
                raise ValueError(f"unterminated {text[i]} string")
            fields.append(text[i + 1 : end])
            i = end + 1
            continue
        end = i
        while end < len(text) and text[end] not in _SPACES:
            end += 1
        fields.append(text[i:end])
        i = end
    return fields


def parse_tags(value: str) -> tuple[str, ...]:
    """The tags of a ``-tags`` value (``a,b``; ``'a b'`` as Go 1.12 wrote it); ValueError
    when one is not a tag a ``//go:build`` line could name."""
    if " " in value or "'" in value:
        tags = quoted_split(value)
    else:
        tags = [t for t in value.split(",") if t]
    for tag in tags:
        problem = tag_problem(tag)
        if problem is not None:
            raise ValueError(problem)
    return tuple(dict.fromkeys(tags))


def tag_problem(tag: str) -> str | None:
    """Why ``tag`` can never be satisfied by a ``//go:build`` line; None for a good tag."""
    if not tag.strip():
        return "empty build tag"
    if not all(c.isalpha() or c.isdecimal() or c in "_." for c in tag):
        return f"{tag!r} is not a build tag (letters, digits, _ and . only)"
    return None


def goflags_tags(goflags: str) -> tuple[str, ...] | None:
    """The ``-tags`` that ``$GOFLAGS`` sets (the last one wins), None when it sets none;
    ValueError (naming $GOFLAGS) when it is malformed where it matters."""
    try:
        fields = quoted_split(goflags)
    except ValueError as exc:
        raise ValueError(f"$GOFLAGS: {exc}") from exc
    found: tuple[str, ...] | None = None
    for item in fields:
        name, equals, value = item.partition("=")
        if name not in ("-tags", "--tags"):
            continue  # another flag, or a word the go command itself rejects
        if not equals:
            raise ValueError(f"$GOFLAGS: {name} needs a value: write {name}=a,b")
        try:
            found = parse_tags(value)
        except ValueError as exc:
            raise ValueError(f"$GOFLAGS: {exc}") from exc
    return found
