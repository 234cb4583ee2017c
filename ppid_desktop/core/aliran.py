"""Chunked AES-256-GCM over a stream: the one sealing loop behind sync packages (``sinkron.paket``) and
attachments at rest (``core.lampiran``).

Chunks of at most ``CHUNK`` bytes, each sealed with its own nonce (a 4-byte prefix + the 8-byte chunk
index) and AAD (the SHA-256 of the caller's header + the index + a final flag), each preceded by its
4-byte length. Reordering, truncation (the final chunk never comes), appended bytes and tampering are
all detected, and no file ever needs to fit in memory. The caller writes its own magic and header and
chooses the key; a key must never seal two streams with the same nonce prefix (both callers derive a
fresh key per stream from a random salt).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import IO

CHUNK = 1 << 20


def _aad(header_hash: bytes, index: int, final: bool) -> bytes:
    return header_hash + struct.pack(">QB", index, 1 if final else 0)


def segel(src: IO[bytes], dst: IO[bytes], key: bytes, prefix: bytes, header_hash: bytes,
          on_plain: Callable[[bytes], object] | None = None) -> None:
    """Seal everything ``src`` yields into ``dst`` (``on_plain`` sees every plaintext chunk, e.g. a hash)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key)
    index = 0
    block = src.read(CHUNK)
    while True:
        if on_plain is not None:
            on_plain(block)
        nxt = src.read(CHUNK)
        final = not nxt
        ct = aes.encrypt(prefix + struct.pack(">Q", index), block, _aad(header_hash, index, final))
        dst.write(struct.pack(">I", len(ct)) + ct)
        if final:
            return
        block, index = nxt, index + 1


def buka(src: IO[bytes], dst: IO[bytes] | None, key: bytes, prefix: bytes, header_hash: bytes, bad: Exception,
         on_plain: Callable[[bytes], object] | None = None) -> None:
    """Open what ``segel`` wrote (``src`` positioned after the caller's header) into ``dst``; ``bad`` is
    raised on any tampering, truncation or trailing bytes."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key)
    index = 0
    while True:
        raw = src.read(4)
        if len(raw) != 4:
            raise bad  # truncated: the final chunk never came
        (clen,) = struct.unpack(">I", raw)
        if clen > CHUNK + 16:
            raise bad
        ct = src.read(clen)
        nonce = prefix + struct.pack(">Q", index)
        try:
            pt = aes.decrypt(nonce, ct, _aad(header_hash, index, False))
            final = False
        except InvalidTag:
            try:
                pt = aes.decrypt(nonce, ct, _aad(header_hash, index, True))
                final = True
            except InvalidTag:
                raise bad from None
        if on_plain is not None:
            on_plain(pt)
        if dst is not None:
            dst.write(pt)
        if final:
            if src.read(1):
                raise bad
            return
        index += 1
