"""WV900 unused-suppression: a suppression comment that silences nothing."""

from __future__ import annotations

from typing import ClassVar

from wasmvet.diagnostics import Severity
from wasmvet.rule_context import RuleContext
from wasmvet.rules.base import Rule
from wasmvet.targets import TARGETS


class UnusedSuppression(Rule):
    code = "WV900"
    name = "unused-suppression"
    summary = "A //wasmvet:ignore, //nolint:wasmvet or //lint:ignore comment that silences nothing."
    severity = Severity.INFO
    targets: ClassVar[frozenset[str]] = frozenset(TARGETS)
    fix = "safe"
    doc = """
## What it flags
Suppression comments that no finding needed: `//wasmvet:ignore WV101 reason`,
`//wasmvet:ignore-file`, `//nolint:wasmvet` and staticcheck's `//lint:ignore WV101 reason`,
when the code they cover has no such finding for any checked target, and the rules they name
were selected in this run. A bare `//nolint` or `//nolint:all` also silences wasmvet, but is
written for every linter, so it is never reported: that wasmvet found nothing there does not
make it stale.

## Why it matters
A stale suppression hides the next real problem on that line. Like ruff's `RUF100` and
golangci-lint's `nolintlint`, wasmvet points them out (as a note; raise it with a severity
override to enforce it).

## Example
```go
for !done.Load() { //wasmvet:ignore WV101 polled by the host
	runtime.Gosched()
}
```

## Use instead
Delete the comment.

## Fix safety
The fix deletes the comment (or its whole line when it stands alone); it is safe.

## References
- ruff `RUF100`, golangci-lint `nolintlint`, staticcheck's "this linter directive didn't match"
"""

    def check(self, ctx: RuleContext) -> None:
        """Nothing to do per package view: the suppression pass reports WV900 after every
        rule has run (see ``wasmvet.suppressions``)."""


RULE = UnusedSuppression()
