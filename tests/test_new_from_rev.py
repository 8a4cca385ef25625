"""--new-from-rev in a real temporary git repository: only findings on changed lines."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.test_cli import SPIN, wasmvet
from wasmvet.diagnostics import Edit, Span
from wasmvet.gitdiff import ChangedLines, parse_diff

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
YIELDING = SPIN.replace(
    'import "sync/atomic"', 'import (\n\t"runtime"\n\t"sync/atomic"\n)'
).replace("\tfor !done.Load() {\n\t}", "\tfor !done.Load() {\n\t\truntime.Gosched()\n\t}")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose committed code already has a spin-wait (old debt)."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.go").write_text(SPIN)
    (tmp_path / "app" / "yield.go").write_text(YIELDING.replace("func main()", "func other()"))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "initial")
    return tmp_path


def new_findings(repo: Path, *args: str) -> list[str]:
    result = wasmvet("check", "--format", "json", *args, cwd=repo)
    assert result.returncode in (0, 1), result.stderr
    return [f"{f['path']}:{f['line']}:{f['column']} {f['code']}" for f in json.loads(result.stdout)]


def test_clean_work_tree_reports_nothing(repo: Path) -> None:
    assert wasmvet("check", ".", cwd=repo).returncode == 1  # the old spin-wait is there
    result = wasmvet("check", "--new-from-rev", "HEAD", "-q", ".", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_only_the_added_spin_wait_is_reported(repo: Path) -> None:
    main = repo / "app" / "main.go"
    added = "\tfor n := 0; !done.Load(); n++ {\n\t}\n"
    main.write_text(main.read_text().replace("\t}\n}", "\t}\n" + added + "}"))
    result = wasmvet("check", "--new-from-rev", "HEAD", "-q", "./...", cwd=repo)
    assert result.returncode == 1
    assert result.stdout.startswith("app/main.go:10:2: WV101")
    assert new_findings(repo, "--new-from-rev", "HEAD", "./...") == ["app/main.go:10:2 WV101"]


def test_fix_keeps_to_the_changed_lines(repo: Path) -> None:
    """--fix with --new-from-rev fixes the new spin-wait only, though its import moved it."""
    main = repo / "app" / "main.go"
    added = "\tfor n := 0; !done.Load(); n++ {\n\t}\n"
    main.write_text(main.read_text().replace("\t}\n}", "\t}\n" + added + "}"))
    diff = wasmvet("check", "--diff", "--new-from-rev", "HEAD", "./...", cwd=repo)
    assert diff.returncode == 1, diff.stderr
    assert diff.stdout.count("+\t\truntime.Gosched()") == 1, diff.stdout
    result = wasmvet("check", "--fix", "--new-from-rev", "HEAD", "./...", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fixed 1 problem in 1 file" in result.stderr
    fixed = main.read_text()
    assert "\tfor !done.Load() {\n\t}\n" in fixed  # the old debt is left alone
    assert "for n := 0; !done.Load(); n++ {\n\t\truntime.Gosched()\n\t}" in fixed
    assert '\t"runtime"\n' in fixed
    # Without --new-from-rev the old loop is fixed too.
    assert wasmvet("check", "--fix", "./...", cwd=repo).returncode == 0
    assert main.read_text().count("runtime.Gosched()") == 2


def test_removing_a_yield_reports_the_loop(repo: Path) -> None:
    other = repo / "app" / "yield.go"
    other.write_text(other.read_text().replace("\t\truntime.Gosched()\n", ""))
    assert new_findings(repo, "--new-from-rev", "HEAD", "--select", "WV101") == [
        "app/yield.go:11:2 WV101"
    ]


def test_untracked_files_are_new_and_ignored_ones_are_not(repo: Path) -> None:
    (repo / "app" / "new.go").write_text(SPIN.replace("func main()", "func more()"))
    (repo / "gen").mkdir()
    (repo / "gen" / "gen.go").write_text(SPIN)
    (repo / ".gitignore").write_text("gen/\n")
    assert new_findings(repo, "--new-from-rev", "HEAD", ".") == ["app/new.go:8:2 WV101"]


def test_staged_changes_and_older_revisions_count(repo: Path) -> None:
    (repo / "app" / "b.go").write_text(SPIN.replace("func main()", "func b()"))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second")
    assert new_findings(repo, "--new-from-rev", "HEAD~1", "app/b.go") == ["app/b.go:8:2 WV101"]
    assert wasmvet("check", "--new-from-rev", "HEAD", "-q", cwd=repo).stdout == ""


def test_formats_follow_the_filter(repo: Path) -> None:
    result = wasmvet("check", "--new-from-rev", "HEAD", "--format", "github", cwd=repo)
    assert result.returncode == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("nosuchbranch", "--new-from-rev: unknown revision 'nosuchbranch'"),
        ("--output=x", "--new-from-rev: bad revision '--output=x'"),
    ],
)
def test_bad_revision_exits_2(repo: Path, rev: str, message: str) -> None:
    result = wasmvet("check", f"--new-from-rev={rev}", ".", cwd=repo)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_not_a_repository_exits_2(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(SPIN)
    result = wasmvet("check", "--new-from-rev", "HEAD", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "--new-from-rev: . is not in a git work tree" in result.stderr
    assert "Traceback" not in result.stderr


def test_parse_diff_reads_hunks_not_content_that_looks_like_headers() -> None:
    diff = (
        b"diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n"
        b"@@ -3,0 +4,2 @@ func f() {\n"
        b"+++ not a header\n"
        b"+@@ -1 +1 @@ nor this\n"
        b"@@ -9,2 +10,0 @@\n-a\n-b\n"
        b"@@ -20 +19 @@\n-old\n+new\n"
        b'diff --git "a/t\\tb.go" "b/t\\tb.go"\n--- "a/t\\tb.go"\n+++ "b/t\\tb.go"\n'
        b"@@ -1 +1,3 @@\n-x\n+y\n+z\n+w\n"
        b"diff --git a/gone.go b/gone.go\n--- a/gone.go\n+++ /dev/null\n@@ -1 +0,0 @@\n-q\n"
    )
    assert parse_diff(diff) == {"x.go": {4, 5, 10, 11, 19}, "t\tb.go": {1, 2, 3}}


def test_changed_lines_follow_edits() -> None:
    """Lines after an edit move by the lines it adds; lines it rewrites stay changed."""
    path = Path("/nonexistent/x.go")
    changed = ChangedLines(lines={path: {2, 5, 9}})
    changed.after_edits(
        path,
        [
            Edit(path, Span(1, 0, 1, 0), '\t"runtime"\n'),  # inserted above line 2: pushes it
            Edit(path, Span(4, 3, 4, 7), "a\nb"),  # rewrites part of line 5 over two lines
        ],
    )
    assert changed.lines[path] == {3, 6, 7, 11}
