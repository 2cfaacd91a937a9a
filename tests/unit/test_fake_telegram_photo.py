"""sendPhoto on the fake Bot API: PNG and JPEG uploads, captions, re-sends by file_id, and
Telegram's refusals of what is not a photo."""

from __future__ import annotations

import struct
import zlib
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest

from tests.fake_telegram import FakeTelegram, inprocess_bot
from tests.fake_telegram.photos import image_size


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of that size (each row: filter byte 0, then one byte per pixel)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def jpeg_header(width: int, height: int) -> bytes:
    """The start of a JPEG: SOI, an APP0 segment, then a baseline frame header (SOF0)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with inprocess_bot(fake) as ptb_bot:
        yield ptb_bot


def test_the_size_is_read_from_png_and_jpeg_headers() -> None:
    assert image_size(png(40, 30)) == (40, 30)
    assert image_size(jpeg_header(1040, 1500)) == (1040, 1500)
    assert image_size(b"GIF89a") is None


async def test_a_png_is_sent_with_its_caption_and_can_be_downloaded(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    picture = png(120, 80)
    sent = await bot.send_photo(user.id, picture, caption="<b>Biểu đồ</b> quý I",
                                parse_mode=ParseMode.HTML)
    [size] = sent.photo
    assert (size.width, size.height, size.file_size) == (120, 80, len(picture))
    assert sent.caption == "Biểu đồ quý I"
    assert fake.file_content(size.file_id) == picture
    remote = await bot.get_file(size.file_id)
    assert bytes(await remote.download_as_bytearray()) == picture
    [logged] = fake.bot_messages(user)
    assert logged.message["photo"][0]["file_id"] == size.file_id


async def test_a_photo_is_sent_again_by_its_file_id(bot: Bot, fake: FakeTelegram) -> None:
    user = fake.add_user()
    first = await bot.send_photo(user.id, png(10, 10))
    again = await bot.send_photo(user.id, first.photo[0].file_id)
    assert again.photo[0].file_id == first.photo[0].file_id
    assert len(fake.calls("sendPhoto")) == 2


async def test_what_is_not_a_photo_is_refused_like_telegram(bot: Bot, fake: FakeTelegram) -> None:
    user = fake.add_user()
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(user.id, b"%PDF-1.7 not a picture")
    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await bot.send_photo(user.id, png(2100, 100))  # sides 21:1
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(user.id, "AgACAgIAAxkBAAI-unknown")
    assert fake.bot_messages(user) == []
