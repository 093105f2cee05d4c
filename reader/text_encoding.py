"""Content text saved in another encoding than UTF-8: what it is, where, and how to mend it."""

from __future__ import annotations

# how an editor mends a file saved in another encoding, in any editor's words
SAVE_AS_UTF8 = "save the file again with the encoding UTF-8"


def encoding_fault(exc: UnicodeDecodeError) -> str:
    """What is wrong with a file that is not UTF-8: saved as UTF-16, or the first byte at
    fault and, where Windows-1252 has one, the character it was meant to be."""
    data = bytes(exc.object)
    if is_utf16(data):
        return 'is saved as UTF-16 ("Unicode" in Notepad)'
    byte = data[exc.start]
    # the bytes Windows programs write for quotes and dashes: say which character was meant
    meant = bytes([byte]).decode("cp1252", errors="ignore")
    named = f' ("{meant}" in Windows-1252)' if meant.isprintable() and meant.strip() else ""
    return f"is not UTF-8 text: byte 0x{byte:02X}{named}"


def is_utf16(data: bytes) -> bool:
    """Whether bytes are text saved as UTF-16 (Notepad's "Unicode"): they read as such, and
    as letters of the Latin alphabet, not as a page of Chinese signs."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data[:400].count(0) * 3 >= min(len(data), 400) >= 8:  # a zero beside every letter
        encoding = "utf-16-be" if data[0] == 0 else "utf-16-le"
    else:
        return False
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return sum(char < "\u0250" for char in text) * 10 >= len(text) * 9


def decode_utf16(data: bytes) -> str:
    """The text of bytes `is_utf16` accepts."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    return data.decode("utf-16-be" if data[0] == 0 else "utf-16-le")


def decode_saved_text(data: bytes) -> str:
    """The text of a file a person may have saved again in any editor: UTF-8, with a
    byte-order mark (Notepad) or without, or UTF-16 (Notepad's "Unicode", PowerShell's `>`);
    UnicodeDecodeError for anything else."""
    return decode_utf16(data) if is_utf16(data) else data.decode("utf-8-sig")


def undecodable_line(exc: OSError | UnicodeDecodeError) -> int | None:
    """The line of the first byte that is not UTF-8; None where no one line is at fault."""
    if not isinstance(exc, UnicodeDecodeError) or is_utf16(bytes(exc.object)):
        return None
    return bytes(exc.object).count(b"\n", 0, exc.start) + 1
