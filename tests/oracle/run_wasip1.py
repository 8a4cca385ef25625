"""Run a GOOS=wasip1 module under wasmtime (Python API) like a command-line program.

Usage: python run_wasip1.py [--preopen DIR] [--dir HOST::GUEST] [--env NAME=VALUE]
                            [--no-inherit-env] [--no-cache] MODULE.wasm [ARGS...]

stdin, stdout and stderr are inherited, and so is the environment unless
``--no-inherit-env`` (then only ``--env`` variables are passed, as ``wasmtime run`` does).
``--preopen DIR`` makes DIR visible to the guest as ``/``; ``--dir HOST::GUEST`` preopens
HOST as GUEST (repeatable, like ``wasmtime run --dir``). The exit status is the guest's
``proc_exit`` code; a trap (unreachable, out-of-bounds access, stack overflow, ...) is
printed to stderr and turns into exit status 134, like an abort.

This script is run as a subprocess by ``harness.run`` so that a hung guest can be killed.
"""

from __future__ import annotations

import argparse
import sys

import wasmtime

TRAP_EXIT = 134
# $GOROOT/lib/wasm/go_wasip1_wasm_exec runs wasmtime with max-wasm-stack=8 MiB (every Go
# call is a wasm call, so deep recursion needs it). wasmtime-py cannot raise the async
# stack size, and max_wasm_stack above it (2 MiB) aborts the process, so 2 MiB it is.
MAX_WASM_STACK = 2 * 1024 * 1024


def make_engine(cache: bool) -> wasmtime.Engine:
    config = wasmtime.Config()
    config.max_wasm_stack = MAX_WASM_STACK
    if cache:
        try:
            # wasmtime's own on-disk cache of compiled code (default location, usually
            # ~/.cache/wasmtime). Turns the ~2 s Cranelift compile into a ~0.1 s load.
            config.cache = True
        except wasmtime.WasmtimeError as err:
            print(f"run_wasip1: compilation cache disabled: {err}", file=sys.stderr)
    return wasmtime.Engine(config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preopen", metavar="DIR", help="host directory to mount as /")
    parser.add_argument(
        "--dir", action="append", default=[], metavar="HOST::GUEST", help="preopen HOST as GUEST"
    )
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="pass a variable"
    )
    parser.add_argument(
        "--no-inherit-env", action="store_true", help="pass only the --env variables"
    )
    parser.add_argument("--no-cache", action="store_true", help="disable the compile cache")
    parser.add_argument(
        "--compile-only", action="store_true", help="compile into the cache, run nothing"
    )
    parser.add_argument("module")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args(argv)

    engine = make_engine(cache=not opts.no_cache)
    module = wasmtime.Module.from_file(engine, opts.module)
    if opts.compile_only:
        return 0

    wasi = wasmtime.WasiConfig()
    wasi.argv = [opts.module, *opts.args]
    if opts.no_inherit_env:
        wasi.env = [tuple(pair.split("=", 1)) for pair in opts.env]
    else:
        wasi.inherit_env()
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    if opts.preopen:
        wasi.preopen_dir(opts.preopen, "/")
    for pair in opts.dir:
        host, _, guest = pair.partition("::")
        wasi.preopen_dir(host, guest or host)

    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store = wasmtime.Store(engine)
    store.set_wasi(wasi)
    instance = linker.instantiate(store, module)
    start = instance.exports(store)["_start"]
    assert isinstance(start, wasmtime.Func)
    try:
        start(store)
    except wasmtime.ExitTrap as exit_trap:
        return exit_trap.code
    except wasmtime.Trap as trap:
        sys.stdout.flush()
        print(f"run_wasip1: wasm trap: {trap}", file=sys.stderr)
        return TRAP_EXIT
    except wasmtime.WasmtimeError as err:
        # e.g. proc_exit(143) after a signal to self: WASI allows exit codes below 126 only.
        sys.stdout.flush()
        print(f"run_wasip1: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
