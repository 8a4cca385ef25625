"""Import-level rules followed into dependencies: a problem anywhere in a package that the
build compiles (an import TinyGo cannot build, a constant that does not fit its int) breaks
the build of every program importing it, directly or through other packages, whatever the
program calls. Reported at the user's import spec with the chain of imports that leads
there (``Dependencies.import_chain``: files the target builds only, so an import behind a
native-only build constraint leads nowhere).
"""

from __future__ import annotations

from collections.abc import Callable

from wasmvet.analysis.dependencies import Finder, Step
from wasmvet.analysis.modules import is_standard_import_path
from wasmvet.rule_context import RuleContext

#: A finding's message from the imported path, the chain's steps and what was found.
Message = Callable[[str, tuple[Step, ...], str], str]


def report_import_chains(ctx: RuleContext, kind: str, find: Finder, message: Message) -> None:
    """Report each import of a dependency package whose imports lead to what ``find``
    finds, at the import spec, with the chain as its trace."""
    view = ctx.dependencies
    if view is None or ctx.in_dependency:
        return
    for gofile in ctx.package.files:
        for path, spec in gofile.import_nodes.items():
            if is_standard_import_path(path) or not view.may_follow(path):
                continue
            chain = view.import_chain(path, kind, find)
            if chain is not None:
                steps, what = chain
                text = message(path, steps, what)
                ctx.report(spec, text, trace=ctx.trace(steps), check_guards=False)


def through(steps: tuple[Step, ...]) -> str:
    """`` (through `a`, `b`)`` naming the packages an import chain passes after its first."""
    between = [s.function for s in steps[1:]]
    return f" (through {', '.join(f'`{p}`' for p in between)})" if between else ""
