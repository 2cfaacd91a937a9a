"""Photos as Telegram takes them: PNG or JPEG, within its size rules, answered as PhotoSize."""

from __future__ import annotations

import struct

from tests.fake_telegram.models import JSONDict, StoredFile

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_WIDTH_PLUS_HEIGHT = 10_000
MAX_RATIO = 20
# JPEG start-of-frame markers (they carry the size); C4, C8 and CC are other segments.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def image_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG image, or None for anything else."""
    if content.startswith(PNG_SIGNATURE) and content[12:16] == b"IHDR":
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    if content.startswith(b"\xff\xd8"):
        return _jpeg_size(content)
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 <= len(content) and content[position] == 0xFF:
        marker = content[position + 1]
        length = int.from_bytes(content[position + 2:position + 4], "big")
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", content[position + 5:position + 9])
            return int(width), int(height)
        position += 2 + length
    return None


def dimensions_allowed(width: int, height: int) -> bool:
    """Telegram's rule for photos: width + height at most 10,000, sides at most 20:1."""
    return (min(width, height) > 0 and width + height <= MAX_WIDTH_PLUS_HEIGHT
            and max(width, height) <= MAX_RATIO * min(width, height))


def photo_sizes(stored: StoredFile, width: int, height: int) -> list[JSONDict]:
    """The message's ``photo``: one ``PhotoSize``, the image as sent (Telegram adds smaller
    copies; the fake does not)."""
    return [{"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
             "file_size": len(stored.content), "width": width, "height": height}]
