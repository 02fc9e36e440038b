"""Exit codes and the exceptions that become one readable error line in documents.csv.

Every exception a reader raises for bad input is an :class:`InputError`; its message is the
whole error cell, so it says what is wrong and, where it helps, what to do.

>>> str(EncryptedInput("PDF is encrypted; decrypt it first (qpdf --decrypt)"))
'PDF is encrypted; decrypt it first (qpdf --decrypt)'
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    input_failed = 1  # at least one input failed; its error is in documents.csv
    usage = 2  # a bad option, or an output folder or scheduler that cannot be used
    interrupted = 130  # Ctrl-C: what was finished is saved and exported


class OutputError(Exception):
    """The output folder, its dataset or the scheduler cannot be used: a usage error (exit 2),
    one line on stderr, nothing processed."""


class InputError(Exception):
    """Bad input: the document becomes a failed row and the batch goes on."""

    category = "input"


class EmptyInput(InputError):
    category = "empty"


class UnsupportedInput(InputError):
    category = "unsupported"


class CorruptInput(InputError):
    category = "corrupt"


class EncryptedInput(InputError):
    category = "encrypted"


class TooLargeInput(InputError):
    category = "too_large"


class DocumentTimeout(InputError):
    category = "timeout"


class OcrFailure(InputError):
    """Tesseract failed or timed out on a page: never turned into empty text silently."""

    category = "ocr"


def one_line(exc: BaseException) -> str:
    """The exception as one line: ``ValueError('a\\nb')`` → ``"ValueError: a b"``."""
    text = " ".join(str(exc).split())
    if isinstance(exc, InputError):
        return text or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__
