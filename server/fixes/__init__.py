"""Fixes: the edits rules offer and how ``--fix`` applies them.

``edits`` holds gofmt-shaped building blocks (imports, block edits, applying edits),
``goroutine`` WV201's ``go func() { ... }()``, ``build_constraint`` WV312's ``//go:build``
line, and ``applying`` the ``--fix``/``--diff`` machinery that applies fixes round by round.
"""
