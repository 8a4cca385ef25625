"""go.mod and go.work files: their grammar, and the Go version a module declares.

The grammar follows golang.org/x/mod/modfile (read.go, rule.go, work.go): ``//`` comments,
``"quoted"`` strings, ``verb ( ... )`` blocks, a ``// indirect`` comment that marks a
requirement. A line that does not parse is an error with its line number; the rest of the
file is still read (the go command refuses the whole file; wasmvet reports and goes on).
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

LATEST_GO_MINOR = 27
ModKind = Literal["mod", "work"]
_GO_VERSION = re.compile(r"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$")
_LAX_GO_VERSION = re.compile(r"^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$")
_SEMVER = re.compile(
    r"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+incompatible)?$"
)
_PUNCTUATION = "()[]{},"
_QUOTES = "\"'`"


@dataclass(frozen=True)
class Replace:
    """``old [old_version] => new [new_version]``: a local directory when ``new_version`` is
    empty (relative to the file that declares it), else another module version."""

    old: str
    old_version: str
    new: str
    new_version: str
    declared_in: Path

    @property
    def directory(self) -> Path | None:
        """The replacement directory (absolute when the file's path is; cleaned, symlinks
        kept, as the go command joins it); None for a module version."""
        if self.new_version:
            return None
        return Path(os.path.normpath(self.declared_in.parent / self.new))


@dataclass
class ModFile:
    """What wasmvet reads of a go.mod or go.work file."""

    path: Path
    module: str = ""
    go: str = ""
    require: dict[str, str] = field(default_factory=dict)
    """Module path → version (the last line wins, as in the go command's index)."""
    indirect: set[str] = field(default_factory=set)
    exclude: set[tuple[str, str]] = field(default_factory=set)
    replace: list[Replace] = field(default_factory=list)
    use: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    """``path:line: message`` for each line the go command would reject in a main module
    (it reads a dependency's go.mod laxly: unknown directives and ``go v1.17.0`` pass)."""

    @property
    def go_minor(self) -> int | None:
        match = re.match(r"1\.(\d+)", self.go)
        return int(match.group(1)) if match else None


def is_directory_path(text: str) -> bool:
    """Whether a replacement names a directory (modfile.IsDirectoryPath)."""
    return (
        text in (".", "..")
        or text.startswith(("./", ".\\", "../", "..\\", "/", "\\"))
        or (len(text) >= 2 and text[0].isascii() and text[0].isalpha() and text[1] == ":")
    )


def is_canonical_version(version: str) -> bool:
    """A canonical semantic version as go.mod requires (``v1.2.3``, ``v0.0.0-2024...-abc``)."""
    return _SEMVER.match(version) is not None


def _tokens(line: str) -> tuple[list[str], str]:
    """A line's tokens and its end-of-line comment (read.go's readToken, for one line:
    strings and comments never span lines)."""
    tokens: list[str] = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c in " \t\r":
            i += 1
        elif line.startswith("//", i):
            return tokens, line[i:]
        elif c in _PUNCTUATION:
            tokens.append(c)
            i += 1
        elif c in '"`':
            end = i + 1
            while end < n and line[end] != c:
                end += 2 if line[end] == "\\" and c == '"' else 1
            if end >= n:
                raise ValueError("unexpected newline in string")
            tokens.append(line[i : end + 1])
            i = end + 1
        else:
            end = i
            while end < n and line[end] not in " \t\r" + _PUNCTUATION:
                if line.startswith("//", end):
                    break
                end += 1
            tokens.append(line[i:end])
            i = end
    return tokens, ""


def _string(token: str) -> str:
    """modfile's parseString: a ``"quoted"`` token unquoted; other quotes are errors."""
    if token.startswith('"'):
        try:
            value = ast.literal_eval(token)
        except (ValueError, SyntaxError) as exc:
            raise ValueError(f"invalid quoted string: {token}") from exc
        if not isinstance(value, str):
            raise ValueError(f"invalid quoted string: {token}")
        return value
    if any(q in token for q in _QUOTES):
        raise ValueError("invalid quoted string: unquoted string cannot contain quote")
    return token


def _version(verb: str, path: str, token: str) -> str:
    version = _string(token)
    if not is_canonical_version(version):
        raise ValueError(f"{verb} {path}: version {version!r} invalid: must be of the form v1.2.3")
    return version


_VERBS = {
    "mod": frozenset(
        {"module", "go", "toolchain", "godebug", "require", "exclude", "replace", "retract"}
        | {"tool", "ignore"}
    ),
    "work": frozenset({"go", "toolchain", "godebug", "use", "replace"}),
}
_BLOCK_VERBS = {kind: verbs - {"go", "toolchain"} for kind, verbs in _VERBS.items()}


def parse_modfile(data: bytes, path: Path, kind: ModKind = "mod") -> ModFile:
    """Read a go.mod (``kind="mod"``) or go.work (``"work"``) file; errors are collected."""
    result = ModFile(path)
    block: str | None = None
    block_line = 0
    for number, raw in enumerate(data.decode("utf-8", "replace").split("\n"), start=1):
        try:
            tokens, comment = _tokens(raw)
        except ValueError as exc:
            result.errors.append(f"{path}:{number}: {exc}")
            continue
        if not tokens:
            continue
        if block is not None:
            if tokens[0] == ")":
                if len(tokens) > 1:
                    result.errors.append(f"{path}:{number}: expected newline after closing paren")
                block = None
            elif block:
                _add(result, block, tokens, comment, f"{path}:{number}", kind)
            continue
        if tokens[-1] == "(":
            block, block_line = (tokens[0] if len(tokens) == 2 else ""), number
            if block not in _BLOCK_VERBS[kind]:
                result.errors.append(f"{path}:{number}: unknown block type: {' '.join(tokens)}")
                block = ""
        elif tokens[-2:] == ["(", ")"] and len(tokens) == 3:  # an empty block
            if tokens[0] not in _BLOCK_VERBS[kind]:
                result.errors.append(f"{path}:{number}: unknown block type: {tokens[0]}")
        else:
            _add(result, tokens[0], tokens[1:], comment, f"{path}:{number}", kind)
    if block is not None:
        result.errors.append(f"{path}:{block_line}: unterminated block")
    return result


def _add(result: ModFile, verb: str, args: list[str], comment: str, where: str, kind: str) -> None:
    """One directive (rule.go's ``add``; work.go's for go.work files)."""
    try:
        if verb not in _VERBS[kind]:
            raise ValueError(f"unknown directive: {verb}")
        if verb == "module":
            if len(args) != 1:
                raise ValueError("usage: module module/path")
            result.module = _string(args[0])
        elif verb == "go":
            if len(args) != 1:
                raise ValueError("go directive expects exactly one argument")
            version = args[0]
            if not _GO_VERSION.match(version):
                lax = _LAX_GO_VERSION.match(version)
                if lax is not None:  # as the go command reads a dependency's go.mod
                    result.go = lax.group(1)
                raise ValueError(f"invalid go version '{version}': must match format 1.23.0")
            result.go = version
        elif verb in ("require", "exclude"):
            if len(args) != 2:
                raise ValueError(f"usage: {verb} module/path v1.2.3")
            module = _string(args[0])
            version = _version(verb, module, args[1])
            if verb == "exclude":
                result.exclude.add((module, version))
            else:
                result.require[module] = version
                words = comment.removeprefix("//").split()
                if words == ["indirect"] or (len(words) > 1 and words[0] == "indirect;"):
                    result.indirect.add(module)
        elif verb == "replace":
            result.replace.append(_replace(args, result.path))
        elif verb == "use":
            if len(args) != 1:
                raise ValueError("usage: use local/dir")
            result.use.append(_string(args[0]))
    except ValueError as exc:
        result.errors.append(f"{where}: {exc}")


def _replace(args: list[str], declared_in: Path) -> Replace:
    """modfile's parseReplace."""
    arrow = 1 if len(args) >= 2 and args[1] == "=>" else 2
    if len(args) < arrow + 2 or len(args) > arrow + 3 or args[arrow] != "=>":
        raise ValueError(
            "usage: replace module/path [v1.2.3] => other/module v1.4 | ../local/directory"
        )
    old = _string(args[0])
    old_version = _version("replace", old, args[1]) if arrow == 2 else ""
    new = _string(args[arrow + 1])
    new_version = ""
    if len(args) == arrow + 2 and not is_directory_path(new):
        raise ValueError(
            "replacement module without version must be directory path "
            "(rooted or starting with . or ..)"
        )
    if len(args) == arrow + 3:
        if is_directory_path(new):
            raise ValueError(f"replacement module directory path {new!r} cannot have version")
        new_version = _version("replace", new, args[arrow + 2])
    return Replace(old, old_version, new, new_version, declared_in)


def read_modfile(path: Path, kind: ModKind = "mod") -> ModFile | None:
    """The parsed file at ``path`` (parsed again only when it changes); None when it cannot
    be read."""
    try:
        info = path.stat()
    except OSError:
        return None
    return _read(path, kind, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=1024)
def _read(path: Path, kind: ModKind, mtime_ns: int, size: int) -> ModFile | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return parse_modfile(data, path, kind)


def module_root(directory: Path) -> Path | None:
    """The nearest folder at or above ``directory`` with a go.work or go.mod file."""
    for folder in (directory, *directory.parents):
        if (folder / "go.mod").is_file() or (folder / "go.work").is_file():
            return folder
    return None


@lru_cache(maxsize=4096)
def module_go_minor(directory: Path) -> int | None:
    """The minor version from the nearest go.work or go.mod at or above ``directory``."""
    kinds: tuple[tuple[str, ModKind], ...] = (("go.work", "work"), ("go.mod", "mod"))
    for name, kind in kinds:
        parsed = read_modfile(directory / name, kind)
        if parsed is not None and parsed.go_minor is not None:
            return parsed.go_minor
    parent = directory.parent
    return None if parent == directory else module_go_minor(parent)  # siblings share parents
