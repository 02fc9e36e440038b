"""Tesseract in this process: libtesseract's C API through ctypes, one engine per language.

Starting the ``tesseract`` program costs a process and a fresh load of the language model
for every call (about 0.1 s for ``tha``, more for ``tha+eng``), and a page needs dozens of
small crop re-reads. Here each process keeps one engine per language (``TessBaseAPI``,
initialised once) and reuses it for the page pass and every re-read; one recognition gives
both the TSV and the plain text.

The outputs are the CLI's, byte for byte: the image is the same 8-bit grey pixels the CLI
reads from PGM, ``--dpi`` is the CLI's ``user_defined_dpi``, ``--psm`` and ``-c`` the same
settings, and the TSV and text are built as the CLI's renderers build them (TSV header line,
then ``GetTSVText(0)``; the text as ``GetUTF8Text``). Variables set for one call are put
back to their defaults before the next, so calls do not leak settings into each other.

Threads: an engine serves one call at a time. Each language has a free list; a thread takes
an engine from it (or makes one when all are busy) and gives it back, so one thread uses one
engine per language and Dask threads never share one.

Timeouts: a call's ``timeout`` becomes the recognition deadline of tesseract's own monitor
(``TessMonitorSetDeadlineMSecs``), checked between words; a call past it raises
:class:`~thaieval.pipeline.errors.OcrFailure` as the CLI's subprocess timeout did. Layout analysis
before the first word is not covered: a process stuck there is stopped by the batch
runner's ``--timeout``, which kills the worker reading the chunk.

:func:`recognize` returns None when the library cannot be used (not installed, another
version than the ``tesseract`` program's, OpenMP not limited to one thread, or
``THAIEVAL_TESSERACT_API=0``); the caller then runs the CLI.

>>> recognize(gray, lang="tha+eng", psm=3, dpi=200, timeout=60, outputs=("txt", "tsv"))  # doctest: +SKIP
{'txt': 'แบบสรุปผล...', 'tsv': 'level\\tpage_num...'}
"""

from __future__ import annotations

import atexit
import ctypes
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from thaieval.pipeline.errors import OcrFailure
from thaieval.pipeline.pages.images import GrayImage

__all__ = [
    "RUNTIME_VARIABLES",
    "TSV_HEADER",
    "available",
    "engines",
    "library_version",
    "recognize",
    "why_unavailable",
]

LIBRARY = "libtesseract.so.5"
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
OUTPUTS = frozenset({"txt", "tsv"})
# Variables that act when set on a loaded engine exactly as the CLI's ``-c`` at load time.
# Any other (``load_system_dawg`` and the like act only while a model loads, and tesseract
# takes them afterwards without a word) sends the call to the CLI.
RUNTIME_VARIABLES = frozenset(
    {
        "tessedit_char_whitelist",
        "tessedit_char_blacklist",
        "tessedit_char_unblacklist",
        "preserve_interword_spaces",
    }
)

_load_lock = threading.Lock()
_lib: ctypes.CDLL | None = None
_unavailable: str | None = None  # why the library is not used, once found out
_loaded = False


def _declare(lib: ctypes.CDLL) -> None:
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures: dict[str, tuple[list[type], type | None]] = {
        "TessVersion": ([], s),
        "TessBaseAPICreate": ([], p),
        "TessBaseAPIDelete": ([p], None),
        "TessBaseAPIEnd": ([p], None),
        "TessBaseAPIClear": ([p], None),
        "TessBaseAPIInit3": ([p, s, s], i),
        "TessBaseAPISetPageSegMode": ([p, i], None),
        "TessBaseAPISetVariable": ([p, s, s], i),
        "TessBaseAPIGetStringVariable": ([p, s], s),
        "TessBaseAPIGetIntVariable": ([p, s, ctypes.POINTER(i)], i),
        "TessBaseAPIGetBoolVariable": ([p, s, ctypes.POINTER(i)], i),
        "TessBaseAPIGetDoubleVariable": ([p, s, ctypes.POINTER(ctypes.c_double)], i),
        "TessBaseAPISetImage": ([p, p, i, i, i, i], None),
        "TessBaseAPIRecognize": ([p, p], i),
        "TessBaseAPIGetUTF8Text": ([p], p),
        "TessBaseAPIGetTsvText": ([p, i], p),
        "TessDeleteText": ([p], None),
        "TessMonitorCreate": ([], p),
        "TessMonitorDelete": ([p], None),
        "TessMonitorSetDeadlineMSecs": ([p, i], None),
    }
    for name, (args, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = args
        function.restype = result


def _omp_thread_limit() -> int | None:
    """OpenMP's thread limit as the loaded runtime read it (None: no OpenMP runtime)."""
    try:
        gomp = ctypes.CDLL("libgomp.so.1")
    except OSError:
        return None
    limit: int = gomp.omp_get_thread_limit()
    return limit


def _cli_version() -> str | None:
    """The ``tesseract`` program's version (pytesseract asks it), None when not installed."""
    import pytesseract

    try:
        return str(pytesseract.get_tesseract_version())
    except (pytesseract.TesseractNotFoundError, OSError, ValueError):
        return None


def _load() -> ctypes.CDLL | None:
    global _lib, _unavailable, _loaded
    with _load_lock:
        if _loaded:
            return _lib
        _loaded = True
        # One thread per process: OpenMP reads this when the library (and its runtime) loads.
        os.environ["OMP_THREAD_LIMIT"] = "1"
        try:
            lib = ctypes.CDLL(LIBRARY)
            _declare(lib)
        except (OSError, AttributeError) as exc:
            _unavailable = f"{LIBRARY} could not be loaded ({exc})"
            return None
        limit = _omp_thread_limit()
        if limit is not None and limit != 1:
            _unavailable = f"OpenMP was started before with {limit} threads, not 1"
            return None
        version = lib.TessVersion().decode()
        cli = _cli_version()
        if cli is not None and cli != version:
            _unavailable = f"library {version} is not the tesseract program's {cli}"
            return None
        _lib = lib
        return lib


def available() -> bool:
    """Whether calls run in this process (else :func:`recognize` returns None)."""
    return _load() is not None


def library_version() -> str | None:
    """libtesseract's version, or None with the reason in :func:`why_unavailable`."""
    lib = _load()
    return None if lib is None else lib.TessVersion().decode()


def why_unavailable() -> str | None:
    """Why calls go to the CLI instead (None when the library is used)."""
    _load()
    return _unavailable


class _Unsupported(Exception):
    """A setting the in-process engine cannot take (an init-only or unknown variable)."""


class _Engine:
    """One initialised ``TessBaseAPI`` for one language, used by one thread at a time."""

    def __init__(self, lib: ctypes.CDLL, lang: str) -> None:
        self.lib, self.lang, self.pid = lib, lang, os.getpid()
        self.handle = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(self.handle, None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(self.handle)
            raise OcrFailure(f"tesseract failed (language {lang!r} could not be loaded)")
        # Messages the CLI prints to its stderr (which we dropped) stay out of ours; logging
        # only, no bearing on what is read.
        lib.TessBaseAPISetVariable(self.handle, b"debug_file", os.devnull.encode())
        self.defaults: dict[str, str] = {}
        self.changed: set[str] = set()

    def close(self) -> None:
        self.lib.TessBaseAPIEnd(self.handle)
        self.lib.TessBaseAPIDelete(self.handle)

    def _current(self, name: str) -> str | None:
        lib, handle, key = self.lib, self.handle, name.encode()
        text = lib.TessBaseAPIGetStringVariable(handle, key)
        if text is not None:
            return str(text.decode())
        number = ctypes.c_int()
        if lib.TessBaseAPIGetIntVariable(handle, key, ctypes.byref(number)):
            return str(number.value)
        if lib.TessBaseAPIGetBoolVariable(handle, key, ctypes.byref(number)):
            return str(number.value)
        real = ctypes.c_double()
        if lib.TessBaseAPIGetDoubleVariable(handle, key, ctypes.byref(real)):
            return repr(real.value)
        return None

    def _set(self, name: str, value: str) -> None:
        if name not in self.defaults:
            default = self._current(name)
            if default is None:
                raise _Unsupported(name)
            self.defaults[name] = default
        if not self.lib.TessBaseAPISetVariable(self.handle, name.encode(), value.encode()):
            raise _Unsupported(name)
        self.changed.add(name)

    def configure(self, psm: int, dpi: float, variables: dict[str, str]) -> None:
        wanted = {"user_defined_dpi": str(round(dpi)), **variables}
        for name in sorted(self.changed - wanted.keys()):
            self.lib.TessBaseAPISetVariable(
                self.handle, name.encode(), self.defaults[name].encode()
            )
            self.changed.discard(name)
        for name, value in wanted.items():
            self._set(name, value)
        self.lib.TessBaseAPISetPageSegMode(self.handle, psm)

    def _text(self, pointer: int | None) -> str:
        if not pointer:
            raise OcrFailure("tesseract returned no text")
        try:
            return ctypes.string_at(pointer).decode("utf-8", "replace")
        finally:
            self.lib.TessDeleteText(pointer)

    def read(self, image: GrayImage, timeout: float, outputs: Sequence[str]) -> dict[str, str]:
        lib, handle = self.lib, self.handle
        pixels = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = pixels.shape
        lib.TessBaseAPISetImage(handle, pixels.ctypes.data, width, height, 1, width)
        monitor = lib.TessMonitorCreate()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, min(2**31 - 1, round(timeout * 1000))))
            if lib.TessBaseAPIRecognize(handle, monitor) < 0:
                raise OcrFailure(f"tesseract timed out after {timeout:g} s")
            texts: dict[str, str] = {}
            for name in outputs:
                if name == "tsv":
                    texts[name] = TSV_HEADER + self._text(lib.TessBaseAPIGetTsvText(handle, 0))
                else:
                    texts[name] = self._text(lib.TessBaseAPIGetUTF8Text(handle))
            return texts
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(handle)


_pool_lock = threading.Lock()
_free: dict[str, list[_Engine]] = {}
_pool_pid = os.getpid()
_unsupported: set[str] = set()  # variables only the CLI can set (init-only or unknown)


@contextmanager
def _engine(lib: ctypes.CDLL, lang: str) -> Iterator[_Engine]:
    """An engine for ``lang`` this thread alone uses until the block ends."""
    global _pool_pid
    with _pool_lock:
        if _pool_pid != os.getpid():  # a forked child: the parent's engines are not ours
            _free.clear()
            _pool_pid = os.getpid()
        free = _free.setdefault(lang, [])
        engine = free.pop() if free else None
    if engine is None:
        engine = _Engine(lib, lang)
    ok = False
    try:
        yield engine
        ok = True
    finally:
        if ok and engine.pid == os.getpid():
            with _pool_lock:
                _free.setdefault(lang, []).append(engine)
        else:
            engine.close()  # after a failure or timeout, a fresh engine next time


@atexit.register
def _close_all() -> None:
    """Idle engines ended before exit (else tesseract's model cache reports them as leaks)."""
    with _pool_lock:
        idle = [e for pool in _free.values() for e in pool if e.pid == os.getpid()]
        _free.clear()
    for engine in idle:
        engine.close()


def engines(lang: str) -> int:
    """How many idle engines this process keeps for ``lang`` (for tests)."""
    with _pool_lock:
        return len(_free.get(lang, [])) if _pool_pid == os.getpid() else 0


def recognize(
    image: GrayImage,
    *,
    lang: str,
    psm: int,
    dpi: float,
    timeout: float,
    outputs: Sequence[str],
    variables: dict[str, str] | None = None,
) -> dict[str, str] | None:
    """Each output (``txt``, ``tsv``) of one recognition of ``image``, as the CLI writes it;
    None when this process cannot read in-process (the caller runs the CLI instead)."""
    if not set(outputs) <= OUTPUTS or os.environ.get("THAIEVAL_TESSERACT_API") == "0":
        return None
    if image.ndim != 2 or image.size == 0:
        return None  # not a grey page: the CLI path says what is wrong with it
    lib = _load()
    if lib is None:
        return None
    if not RUNTIME_VARIABLES.issuperset(variables or {}) or _unsupported.intersection(
        variables or {}
    ):
        return None
    with _engine(lib, lang) as engine:
        try:
            engine.configure(psm, dpi, variables or {})
        except _Unsupported as exc:
            _unsupported.add(str(exc))  # not known to this library: the CLI says so
            return None
        return engine.read(image, timeout, outputs)
