"""JUnit XML: a test suite per file, a test case per finding (failed unless it is a note)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from wasmvet.call_trace import trace_text
from wasmvet.diagnostics import Diagnostic
from wasmvet.escaping import xml_safe
from wasmvet.formats.report import Report, hints
from wasmvet.reporting import working_path


def _testcase(diag: Diagnostic, path: str) -> ET.Element:
    line, col = diag.span.start_line + 1, diag.span.start_col + 1
    case = ET.Element(
        "testcase",
        name=f"{diag.code} {diag.name} at {line}:{col}",
        classname=path,
        file=path,
        line=str(line),
    )
    first = f"{path}:{line}:{col}: {diag.code} [{','.join(diag.targets)}] {diag.message}"
    trace = [trace_text(diag, working_path)] if diag.trace else []
    detail = xml_safe("\n".join([first, *trace, *hints(diag)]))
    if diag.counts:
        failure = ET.SubElement(case, "failure", message=xml_safe(diag.message), type=diag.code)
        failure.text = detail
    else:
        ET.SubElement(case, "system-out").text = f"note: {detail}"
    return case


def format_junit(report: Report) -> str:
    """Files without findings are not listed; a clean run is one passing test case."""
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in report.diagnostics:
        by_file.setdefault(working_path(diag.path), []).append(diag)
    failures = sum(1 for d in report.diagnostics if d.counts)
    root = ET.Element(
        "testsuites",
        name="wasmvet",
        tests=str(len(report.diagnostics) or 1),
        failures=str(failures),
    )
    for path, diags in by_file.items():
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(len(diags)),
            failures=str(sum(1 for d in diags if d.counts)),
            errors="0",
            skipped="0",
        )
        suite.extend(_testcase(d, path) for d in diags)
    if not by_file:
        suite = ET.SubElement(
            root, "testsuite", name="wasmvet", tests="1", failures="0", errors="0", skipped="0"
        )
        ET.SubElement(suite, "testcase", name="no findings", classname="wasmvet")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
