"""Fixes: the edits rules offer, the checks that keep them sound, and how ``--fix`` applies them.

``edits`` holds gofmt-shaped building blocks (imports, block edits, applying edits), ``names``
checks the names a fix introduces against the scopes they land in, ``layout`` reads a file's
line ending and indentation, ``goroutine`` builds WV201's ``go func() { ... }()``,
``build_constraint`` WV312's ``//go:build`` line, ``cross_target`` drops a fix that would
create a finding on another selected target, and ``applying`` is the ``--fix``/``--diff``
machinery that applies fixes round by round.
"""
