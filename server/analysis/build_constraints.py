"""Decide whether a Go source file is compiled for a build context, as ``go/build`` does.

This mirrors ``go/build`` (``matchFile``, ``goodOSArchFile``, ``shouldBuild``, ``matchTag``) and
``go/build/constraint`` without running Go. Known differences: configurable toolchain tags
(``goexperiment.*``, ``amd64.v1``, ...) are only satisfied when passed in ``BuildContext.tags``,
and read errors go/build reports (a NUL byte in the header, a missing package clause) are not
modelled.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

# From Go's src/internal/syslist/syslist.go.
KNOWN_OS = frozenset(
    {
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "js",
        "linux",
        "nacl",
        "netbsd",
        "openbsd",
        "plan9",
        "solaris",
        "wasip1",
        "windows",
        "zos",
    }
)
UNIX_OS = frozenset(
    {
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "linux",
        "netbsd",
        "openbsd",
        "solaris",
    }
)
KNOWN_ARCH = frozenset(
    {
        "386",
        "amd64",
        "amd64p32",
        "arm",
        "armbe",
        "arm64",
        "arm64be",
        "loong64",
        "mips",
        "mipsle",
        "mips64",
        "mips64le",
        "mips64p32",
        "mips64p32le",
        "ppc",
        "ppc64",
        "ppc64le",
        "riscv",
        "riscv64",
        "s390",
        "s390x",
        "sparc",
        "sparc64",
        "wasm",
    }
)

# Tool tags cmd/go always sets for an architecture, whatever GOAMD64, GOARM, ... say.
_ARCH_TOOL_TAGS = {"wasm": frozenset({"wasm.satconv", "wasm.signext"})}

# A GOOS that also satisfies another GOOS's tag and file-name suffix.
_IMPLIED_OS = {"android": "linux", "illumos": "solaris", "ios": "darwin"}

# Characters Go's unicode.IsSpace accepts (used by bytes.TrimSpace and strings.Fields).
_GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
_GO_FIELDS = re.compile(f"[{re.escape(_GO_SPACE)}]+")
_BOM = b"\xef\xbb\xbf"
_OPERATORS = frozenset(("", "(", ")", "!", "&&", "||"))  # "" marks the end of an expression
_MAX_GO_BUILD_OPERANDS = 1000  # constraint.maxSize
_MAX_PLUS_BUILD_TERMS = 101  # constraint.maxOldSize allows 100 operators joining 101 terms


class ConstraintSyntaxError(ValueError):
    """A malformed ``//go:build`` line, or more than one; go/build rejects such a file."""


@functools.cache
def _release_tags(go_minor: int) -> frozenset[str]:
    return frozenset(f"go1.{minor}" for minor in range(1, go_minor + 1))


@dataclass(frozen=True)
class BuildContext:
    """The GOOS, GOARCH, compiler and tags a file is built for.

    ``tags`` holds the ``-tags`` values plus any toolchain tags to honour (e.g. ``tinygo``,
    ``goexperiment.jsonv2``, ``amd64.v2``); release tags ``go1.1`` .. ``go1.<go_minor>`` and
    ``wasm.satconv``/``wasm.signext`` (always on for GOARCH=wasm) are implicit.
    """

    goos: str
    goarch: str
    compiler: str = "gc"
    tags: frozenset[str] = frozenset()
    go_minor: int = 27
    cgo: bool = False

    def has_tag(self, tag: str) -> bool:
        """Report whether ``tag`` is satisfied, like go/build's ``matchTag``."""
        if tag == "cgo" and self.cgo:
            return True
        if tag in (self.goos, self.goarch, self.compiler):
            return True
        if _IMPLIED_OS.get(self.goos) == tag:
            return True
        if tag == "unix" and self.goos in UNIX_OS:
            return True
        if tag == "boringcrypto":
            tag = "goexperiment.boringcrypto"
        return (
            tag in self.tags
            or tag in _release_tags(self.go_minor)
            or tag in _ARCH_TOOL_TAGS.get(self.goarch, ())
        )


class ConstraintLines(NamedTuple):
    """The build constraints of a file header, as expressions without their comment prefix."""

    go_build: str | None
    """The ``//go:build`` expression, if the header has one."""
    plus_build: tuple[str, ...]
    """The ``// +build`` expressions that count (ignored by go/build when ``go_build`` is set)."""


def _directive_arg(line: str, prefix: str) -> str | None:
    """Return what follows ``prefix`` on a trimmed line if it is that directive, else None."""
    if not line.startswith(prefix):
        return None
    rest = line[len(prefix) :]
    if rest and rest[0] not in _GO_SPACE:
        return None  # e.g. "//go:buildx"
    return rest.strip(_GO_SPACE)


def _plus_build_arg(line: str) -> str | None:
    if not line.startswith("//"):
        return None
    return _directive_arg(line[2:].strip(_GO_SPACE), "+build")


def _header_lines(src: bytes) -> Iterator[str]:
    """Yield the lines of ``src`` without a leading BOM, trimmed as by ``bytes.TrimSpace``."""
    start = len(_BOM) if src.startswith(_BOM) else 0
    while start < len(src):
        end = src.find(b"\n", start)
        if end < 0:
            end = len(src)
        yield src[start:end].decode("utf-8", "surrogateescape").strip(_GO_SPACE)
        start = end + 1


def _skip_comments(line: str, in_block: bool) -> tuple[bool, bool]:
    """Scan a line's comments; return (inside a ``/* */`` comment afterwards, found code)."""
    while line:
        if in_block:
            close = line.find("*/")
            if close < 0:
                return True, False
            in_block = False
            line = line[close + 2 :].strip(_GO_SPACE)
        elif line.startswith("//"):
            return False, False
        elif line.startswith("/*"):
            in_block = True
            line = line[2:].strip(_GO_SPACE)
        else:
            return in_block, True
    return in_block, False


@functools.lru_cache(maxsize=256)  # each file is checked once per target
def constraint_lines(header: bytes) -> ConstraintLines:
    """Find the build constraint lines before the package clause, like ``parseFileHeader``.

    A ``//go:build`` line counts anywhere in the leading comments, but not inside ``/* */``.
    A ``// +build`` line counts only in the leading run of ``//`` comments and blank lines and
    only if a blank line follows it within that run. Raises ConstraintSyntaxError when there is
    more than one ``//go:build`` line.
    """
    go_build: str | None = None
    plus_build: list[str] = []
    pending: list[str] = []  # +build lines not yet followed by a blank line
    ended = False  # saw a line that is neither blank nor a // comment
    in_block = False
    for line in _header_lines(header):
        if not line and not ended:
            plus_build += pending
            pending.clear()
            continue
        if not line.startswith("//"):
            ended = True
        if not in_block:
            expr = _directive_arg(line, "//go:build")
            if expr is not None:
                if go_build is not None:
                    raise ConstraintSyntaxError("multiple //go:build comments")
                go_build = expr
        if not ended:
            expr = _plus_build_arg(line)
            if expr is not None:
                pending.append(expr)
        in_block, found_code = _skip_comments(line, in_block)
        if found_code:
            break
    return ConstraintLines(go_build, tuple(plus_build))


def _go_build_tokens(expr: str) -> Iterator[str]:
    """Yield the tokens of a ``//go:build`` expression, then "" at its end."""
    i = 0
    while True:
        while i < len(expr) and expr[i] in " \t":
            i += 1
        if i == len(expr):
            yield ""
            return
        c = expr[i]
        if c in "()!":
            yield c
            i += 1
        elif c in "&|":
            if expr[i + 1 : i + 2] != c:
                raise ConstraintSyntaxError(f"invalid syntax at {c}")
            yield c * 2
            i += 2
        else:
            end = i
            while end < len(expr) and _is_tag_char(expr[end]):
                end += 1
            if end == i:
                raise ConstraintSyntaxError(f"invalid syntax at {c}")
            yield expr[i:end]
            i = end


def _is_tag_char(c: str) -> bool:
    return c.isalpha() or c.isdecimal() or c in "_."


@dataclass
class _Group:
    """Partial value of a (parenthesised) expression: OR of completed AND terms."""

    negated: bool = False
    any_term: bool = False
    term: bool = True


def eval_go_build(expr: str, has_tag: Callable[[str], bool]) -> bool:
    """Evaluate a ``//go:build`` expression; raise ConstraintSyntaxError if it is malformed.

    The grammar is ``or := and {"||" and}``, ``and := not {"&&" not}``,
    ``not := ["!"] atom`` and ``atom := tag | "(" or ")"``; ``!!`` is rejected, as are
    expressions with more than 1000 operands.
    """
    groups = [_Group()]
    operands = 0
    tokens = _go_build_tokens(expr)
    while True:
        # Expect an operand: ["!"] (tag | "(").
        operands += 1
        if operands > _MAX_GO_BUILD_OPERANDS:
            raise ConstraintSyntaxError("build expression too large")
        tok = next(tokens)
        negated = tok == "!"
        if negated:
            tok = next(tokens)
            if tok == "!":
                raise ConstraintSyntaxError("double negation not allowed")
        if tok == "(":
            groups.append(_Group(negated=negated))
            continue
        if tok in _OPERATORS:
            if tok:
                message = f"unexpected token {tok}"
            elif len(groups) > 1:
                message = "missing close paren"
            else:
                message = "unexpected end of expression"
            raise ConstraintSyntaxError(message)
        value = has_tag(tok) != negated
        # Expect an operator, closing as many groups as there are ")" tokens.
        while True:
            groups[-1].term &= value
            tok = next(tokens)
            if tok != ")" or len(groups) == 1:
                break
            closed = groups.pop()
            value = (closed.any_term or closed.term) != closed.negated
        if tok == "&&":
            continue
        if tok == "||":
            groups[-1].any_term |= groups[-1].term
            groups[-1].term = True
            continue
        if len(groups) > 1:
            raise ConstraintSyntaxError("missing close paren")
        if tok:
            raise ConstraintSyntaxError(f"unexpected token {tok}")
        return groups[0].any_term or groups[0].term


def eval_plus_build(expr: str, has_tag: Callable[[str], bool]) -> bool:
    """Evaluate a legacy ``// +build`` expression: spaces mean OR, commas AND, ``!`` NOT.

    Invalid terms behave like the tag ``ignore``; an over-long line (more than 101 terms) is
    skipped by go/build and so evaluates to True.
    """
    clauses = [clause.split(",") for clause in _GO_FIELDS.split(expr) if clause]
    if sum(map(len, clauses)) > _MAX_PLUS_BUILD_TERMS:
        return True
    if not clauses:
        return has_tag("ignore")
    return any(all(_eval_plus_build_term(term, has_tag) for term in c) for c in clauses)


def _eval_plus_build_term(term: str, has_tag: Callable[[str], bool]) -> bool:
    if term == "!" or term.startswith("!!"):
        return has_tag("ignore")
    negated = term.startswith("!")
    tag = term[1:] if negated else term
    valid = tag != "" and all(map(_is_tag_char, tag))
    return has_tag(tag if valid else "ignore") != negated


def matches_header(ctx: BuildContext, src: bytes) -> bool:
    """Report whether the file's ``//go:build`` line, or else its ``// +build`` lines, hold.

    Raises ConstraintSyntaxError for a malformed or repeated ``//go:build`` line.
    """
    lines = constraint_lines(src)
    if lines.go_build is not None:
        return eval_go_build(lines.go_build, ctx.has_tag)
    return all(eval_plus_build(expr, ctx.has_tag) for expr in lines.plus_build)


def matches_file_name(ctx: BuildContext, filename: str) -> bool:
    """Report whether a ``_GOOS``, ``_GOARCH`` or ``_GOOS_GOARCH`` name suffix allows the file.

    Like ``goodOSArchFile``: the name is cut at its first ``.``, text before the first ``_`` is
    ignored (so ``linux.go`` is unconstrained) and a final ``_test`` is dropped.
    """
    stem = os.path.basename(filename).split(".", 1)[0]
    underscore = stem.find("_")
    if underscore < 0:
        return True
    parts = stem[underscore:].split("_")
    if parts[-1] == "test":
        parts.pop()
    if len(parts) >= 2 and parts[-2] in KNOWN_OS and parts[-1] in KNOWN_ARCH:
        return ctx.has_tag(parts[-2]) and ctx.has_tag(parts[-1])
    if parts[-1] in KNOWN_OS or parts[-1] in KNOWN_ARCH:
        return ctx.has_tag(parts[-1])
    return True


def is_ignored_name(filename: str) -> bool:
    """Report whether go/build skips the file outright because its name starts with _ or ."""
    return os.path.basename(filename).startswith(("_", "."))


def file_is_built(ctx: BuildContext, filename: str, src: bytes) -> bool:
    """Report whether go/build compiles the file ``filename`` (a base name or path) for ``ctx``.

    A file with a malformed ``//go:build`` line counts as not built: go/build lists it in
    ``InvalidGoFiles`` and reports an error for the package.
    """
    if is_ignored_name(filename) or not matches_file_name(ctx, filename):
        return False
    try:
        return matches_header(ctx, src)
    except ConstraintSyntaxError:
        return False
