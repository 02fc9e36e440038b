"""Executors: one call, ``map(chunks)``, whether page ranges are read here, in a pool or on Dask.

Results come back to the caller (the one writer) as each chunk finishes, in any order. The
process pool is our own small one so that a hung or killed worker costs only its chunk: a
chunk past ``timeout`` has its worker terminated and replaced, and a worker that dies (an
out-of-memory kill) is reported as the chunk's error.

>>> type(make_executor(workers=1)).__name__
'SerialExecutor'
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import Connection, wait
from typing import Protocol

from thaieval.pipeline.errors import OutputError
from thaieval.pipeline.run.process import Chunk, ChunkResult, read_chunk

__all__ = [
    "DaskExecutor",
    "Executor",
    "PoolExecutor",
    "SerialExecutor",
    "make_executor",
    "worker_environment",
]


def worker_environment() -> None:
    """One tesseract thread per worker: parallelism comes from processes."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """A process started inside inherits an ignored SIGINT, from its very first instruction:
    Ctrl-C reaches the whole process group, and only the parent should act on it (it stops
    its workers itself), so no worker prints a KeyboardInterrupt traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class Executor(Protocol):
    def map(self, chunks: list[Chunk]) -> Iterator[ChunkResult]: ...

    def close(self) -> None: ...


class SerialExecutor:
    """Reads every chunk in this process, in order (no timeout: nothing to kill it with)."""

    def map(self, chunks: list[Chunk]) -> Iterator[ChunkResult]:
        worker_environment()
        for chunk in chunks:
            yield read_chunk(chunk)

    def close(self) -> None:
        pass


def _worker_main(conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us on Ctrl-C
    worker_environment()
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        conn.send(read_chunk(chunk))


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child,), daemon=True)  # type: ignore[attr-defined]
        with _sigint_ignored():
            self.proc.start()
        child.close()
        self.chunk: Chunk | None = None
        self.started = 0.0

    def give(self, chunk: Chunk) -> None:
        self.chunk, self.started = chunk, time.monotonic()
        self.conn.send(chunk)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.proc.kill()
        else:
            with contextlib.suppress(BrokenPipeError, OSError):
                self.conn.send(None)
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


def _error(chunk: Chunk, message: str) -> ChunkResult:
    return ChunkResult(chunk.document_id, error=message)


class PoolExecutor:
    """``workers`` processes reading chunks; ``timeout`` seconds per chunk."""

    def __init__(self, workers: int, timeout: float | None = None) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self.ctx = mp.get_context("spawn")  # no inherited SQLite handles or threads

    def map(self, chunks: list[Chunk]) -> Iterator[ChunkResult]:
        queue = deque(chunks)
        pool = [_Worker(self.ctx) for _ in range(min(self.workers, len(chunks)))]
        try:
            idle = list(pool)
            busy: list[_Worker] = []
            while queue or busy:
                while queue and idle:
                    worker = idle.pop()
                    worker.give(queue.popleft())
                    busy.append(worker)
                wait_for = None
                if self.timeout is not None:
                    oldest = min(w.started for w in busy)
                    wait_for = max(0.05, oldest + self.timeout - time.monotonic())
                ready = wait(
                    [w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_for
                )
                for worker in list(busy):
                    chunk = worker.chunk
                    assert chunk is not None
                    result: ChunkResult | None = None
                    replace = False
                    if worker.conn in ready:
                        try:
                            result = worker.conn.recv()
                        except (EOFError, OSError):
                            result = _error(chunk, self._died(worker))
                            replace = True
                    elif worker.proc.sentinel in ready:
                        result = _error(chunk, self._died(worker))
                        replace = True
                    elif (
                        self.timeout is not None
                        and time.monotonic() - worker.started > self.timeout
                    ):
                        result = _error(
                            chunk,
                            f"timed out after {self.timeout:g} s reading pages "
                            f"{chunk.pages[0]}–{chunk.pages[-1]} (raise --timeout for very long documents)",
                        )
                        worker.stop(kill=True)
                        replace = True
                    if result is None:
                        continue
                    busy.remove(worker)
                    if replace:
                        pool.remove(worker)
                        worker = _Worker(self.ctx)
                        pool.append(worker)
                    worker.chunk = None
                    idle.append(worker)
                    yield result
        finally:
            for worker in pool:
                worker.stop(kill=worker.chunk is not None)

    def close(self) -> None:
        pass  # each map's workers are stopped when it ends or is closed

    @staticmethod
    def _died(worker: _Worker) -> str:
        worker.proc.join(timeout=1)
        code = worker.proc.exitcode
        why = " (killed: out of memory?)" if code in (-9, 137) else ""
        return f"worker process died with exit code {code}{why} while reading this document"


def _dask_read(chunk: Chunk) -> ChunkResult:
    worker_environment()
    return read_chunk(chunk)


class DaskExecutor:
    """Chunks run on a Dask distributed cluster; results flow back to this process."""

    def __init__(self, address: str, timeout: float | None = None, connect: float = 10) -> None:
        from distributed import Client

        try:
            self.client = Client(address, timeout=f"{connect:g}s")
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            why = " ".join(str(exc).split()[:12]) or type(exc).__name__
            if isinstance(exc, (ValueError, TypeError)):
                raise OutputError(f"--scheduler {address!r} is not an address ({why})") from None
            raise OutputError(
                f"cannot reach the Dask scheduler at {address} within {connect:g} s ({why})"
            ) from None
        self.timeout = timeout

    def map(self, chunks: list[Chunk]) -> Iterator[ChunkResult]:
        from distributed import as_completed

        futures = {self.client.submit(_dask_read, c, pure=False): c for c in chunks}
        try:
            for future in as_completed(list(futures)):
                chunk = futures[future]
                try:
                    yield future.result()
                except Exception as exc:
                    yield _error(chunk, f"Dask task failed: {type(exc).__name__}: {exc}")
        finally:
            for future in futures:
                future.cancel()
            self.client.close()

    def close(self) -> None:
        self.client.close()


def make_executor(
    workers: int = 1, scheduler: str | None = None, timeout: float | None = None
) -> Executor:
    """The executor for the options given: Dask when a scheduler is named, else a pool."""
    if scheduler:
        return DaskExecutor(scheduler, timeout)
    if workers <= 1 and timeout is None:
        return SerialExecutor()
    return PoolExecutor(workers, timeout)
