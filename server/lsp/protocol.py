"""JSON-RPC as the server speaks it: UTF-8 positions when offered, and malformed messages
answered with a JSON-RPC error and said in one line on stderr, never a traceback."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Generator
from typing import Any, BinaryIO

from cattrs.errors import BaseValidationError
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol, lsp_method

log = logging.getLogger(__name__)
PARSE_ERROR = -32700  # JSON-RPC 2.0: invalid JSON was received
INVALID_REQUEST = -32600  # JSON-RPC 2.0: the JSON sent is not a valid request object
#: What reading a body can raise before there is a message: bytes that are not UTF-8, text
#: that is not JSON, nesting deeper than Python's JSON reader goes.
UNREADABLE = (json.JSONDecodeError, UnicodeDecodeError, RecursionError)


class InvalidMessage(Exception):
    """A message that is JSON but not a JSON-RPC message (already answered, when it could be)."""


def _is_id(value: Any) -> bool:
    return isinstance(value, int | str) and not isinstance(value, bool)


def envelope_problem(data: dict[str, Any], is_notification: bool) -> str | None:
    """What makes ``data`` no JSON-RPC 2.0 message this server can take, if anything."""
    ident = data.get("id")
    if data.get("jsonrpc") != "2.0":
        return 'its "jsonrpc" is not "2.0"'
    if "id" in data and not _is_id(ident):
        return "its id is neither an integer nor a string"
    if "method" not in data:
        return None if "id" in data else "it has neither a method nor an id"
    if not isinstance(data["method"], str):
        return "its method is not a string"
    params = data.get("params")
    if params is not None and not isinstance(params, dict | list):  # null: as clients send
        return "its params are neither an object nor an array"
    if "id" in data and is_notification:
        return f"{data['method']} is a notification, sent with an id"
    return None


class WasmvetProtocol(LanguageServerProtocol):
    """Prefers UTF-8 positions whenever the client offers them (pygls takes the client's
    first choice), so columns need no conversion for such clients; answers malformed
    messages that carry an id with a JSON-RPC error."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Generator[Any, Any, Any]:
        general = params.capabilities.general
        if general is not None and general.position_encodings:
            offered = list(general.position_encodings)
            if lsp.PositionEncodingKind.Utf8 in offered:
                offered.remove(lsp.PositionEncodingKind.Utf8)
                general.position_encodings = [lsp.PositionEncodingKind.Utf8, *offered]
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data: dict[str, Any]) -> Any:
        """Called by the JSON reader for every object, innermost first; the outermost one
        (with ``jsonrpc``) is the message."""
        if "jsonrpc" not in data:
            return data
        method = data.get("method")
        message_type = self.get_message_type(method) if isinstance(method, str) else None
        is_notification = message_type is not None and message_type.__name__.endswith(
            "Notification"
        )
        problem = envelope_problem(data, is_notification)
        if problem is not None:
            ident = data.get("id")
            if _is_id(ident):
                self._send_error(ident, INVALID_REQUEST, f"Invalid request: {problem}")
            elif "method" in data and not is_notification:
                self._send_error(None, INVALID_REQUEST, f"Invalid request: {problem}")
            raise InvalidMessage(problem)
        if "method" in data:
            data.setdefault("params", None)  # JSON-RPC lets params out; pygls wants the key
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            # params that do not fit the method: pygls only logs it, the client would wait
            if "id" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise InvalidMessage(f"invalid params for {method}: {exc.__cause__}") from None

    def handle_message(self, message: Any) -> None:
        if not hasattr(message, "jsonrpc"):  # JSON, but not an object with "jsonrpc"
            ident = message.get("id") if isinstance(message, dict) else None
            self._send_error(
                ident if _is_id(ident) else None,
                INVALID_REQUEST,
                "Invalid request: not a JSON-RPC 2.0 message",
            )
            raise InvalidMessage(f"not a JSON-RPC message: {type(message).__name__}")
        super().handle_message(message)

    def _send_error(self, ident: int | str | None, code: int, message: str) -> None:
        # a plain dict: pygls's serializer would leave a null id out
        self._send_data(
            {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}
        )

    def report_unreadable(self, error: Exception) -> None:
        """A body that could not be read as JSON: JSON-RPC's parse error, with a null id."""
        self._send_error(None, PARSE_ERROR, f"Parse error: {type(error).__name__}: {error}")


class OneLineMessageErrors(logging.Filter):
    """pygls logs a message it could not handle with a traceback (the client already got a
    JSON-RPC error where one was due); one line says it all, and the same error is not
    logged twice. Exceptions of wasmvet's own code keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Unable to deserialize message"):
            return False  # a traceback in the text; the message's own line follows
        error = record.exc_info[1] if record.exc_info else None
        if error is None or not record.name.startswith("pygls"):
            return True
        if isinstance(error, BaseValidationError) or isinstance(
            error.__cause__, BaseValidationError
        ):
            error = InvalidMessage(f"invalid params: {error.__cause__ or error}")
        what = "malformed message" if isinstance(error, (*UNREADABLE, InvalidMessage)) else None
        detail = str(error).replace("\n", " ")[:300]
        if what is None:
            what = f"{record.getMessage()}: {type(error).__name__}"
        record.msg, record.args, record.exc_info, record.exc_text = (
            f"{what}: {detail}",
            (),
            None,
            None,
        )
        return True


class ResyncingInput:
    """The server's stdin, for pygls's reader, which finds a frame by a header line that is
    exactly ``Content-Length: N``: after a frame without a valid one, its body runs into the
    next frame's header line, and every later frame was lost the same way. This finds the
    header at the end of such a line, so that only the broken frame is lost."""

    HEADER = re.compile(rb"Content-Length: \d+\r\n\Z")

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readline(self) -> bytes:
        line = self._stream.readline()
        found = self.HEADER.search(line)
        if found is not None and found.start() > 0:
            log.warning("malformed frame: %d bytes without a valid header skipped", found.start())
            return line[found.start() :]
        return line

    def read(self, size: int) -> bytes:
        return self._stream.read(size)
