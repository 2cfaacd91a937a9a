"""Telegram's ``parse_mode=HTML``: validate, strip the tags, return plain text and entities.

Follows the rules of TDLib's HTML parser (the one behind the Bot API): only the documented
tags are accepted, every start tag needs its end tag (``</>`` closes the innermost one), only
``&lt; &gt; &amp; &quot;`` and numeric character references are decoded (any other ``&`` stays
literal), and errors name the byte offset in the UTF-8 text, e.g. ``Unsupported start tag "br"
at byte offset 5``. Entity offsets and lengths are in UTF-16 code units, as Telegram sends them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.fake_telegram.models import JSONDict, utf16_length
from tests.fake_telegram.params import ApiError, bad_request

ENTITY_TYPE_BY_TAG = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_CHARACTER_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPECIAL = re.compile("[<&]")


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message is TDLib's wording."""


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    offset: int  # UTF-16 offset in the plain text where the tag's content starts
    language: str | None = None


def parse_html_text(text: str) -> tuple[str, list[JSONDict]]:
    """Plain text and entities of an HTML-formatted text, or ``HtmlParseError``."""
    parser = _HtmlParser(text)
    return parser.run()


def html_to_api_error(error: HtmlParseError) -> ApiError:
    """The Bot API's answer for malformed HTML."""
    return bad_request(f"can't parse entities: {error}")


def strip_surrounding_whitespace(
    plain: str, entities: list[JSONDict]
) -> tuple[str, list[JSONDict]]:
    """Telegram trims messages; entities are shifted and clipped to the trimmed text."""
    stripped = plain.strip()
    if stripped == plain:
        return plain, entities
    shift = utf16_length(plain[: len(plain) - len(plain.lstrip())])
    limit = utf16_length(stripped)
    kept: list[JSONDict] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


class _HtmlParser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.pieces: list[str] = []
        self.utf16_offset = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[JSONDict] = []

    def run(self) -> tuple[str, list[JSONDict]]:
        while self.position < len(self.text):
            char = self.text[self.position]
            if char == "<":
                self._tag()
            elif char == "&":
                self._character_reference()
            else:
                self._plain_run()
        if self.stack:
            name = self.stack[-1].name
            raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self.pieces), self.entities

    # -- scanning -------------------------------------------------------------------------
    def _char(self) -> str:
        """The character at the cursor, or "" at the end of the text."""
        return self.text[self.position] if self.position < len(self.text) else ""

    def _scan_until_space_or(self, stops: str) -> str:
        start = self.position
        while (char := self._char()) and not char.isspace() and char not in stops:
            self.position += 1
        return self.text[start : self.position]

    def _skip_spaces(self) -> None:
        while self._char().isspace():
            self.position += 1

    def _error(self, message: str, position: int) -> HtmlParseError:
        byte_offset = len(self.text[:position].encode("utf-8"))
        return HtmlParseError(message.replace("{offset}", f"byte offset {byte_offset}"))

    # -- text -----------------------------------------------------------------------------
    def _emit(self, piece: str) -> None:
        self.pieces.append(piece)
        self.utf16_offset += utf16_length(piece)

    def _plain_run(self) -> None:
        special = _SPECIAL.search(self.text, self.position)
        end = special.start() if special else len(self.text)
        self._emit(self.text[self.position : end])
        self.position = end

    def _character_reference(self) -> None:
        decoded, consumed = decode_character_reference(self.text, self.position)
        self._emit(decoded if decoded is not None else "&")
        self.position += consumed if decoded is not None else 1

    # -- tags -----------------------------------------------------------------------------
    def _tag(self) -> None:
        begin = self.position
        if self.text.startswith("</", begin):
            self._end_tag(begin)
        else:
            self._start_tag(begin)

    def _start_tag(self, begin: int) -> None:
        self.position = begin + 1
        name = self._scan_until_space_or(">").lower()
        if not self._char():
            raise self._error("Unclosed start tag at {offset}", begin)
        if name not in ENTITY_TYPE_BY_TAG:
            raise self._error(f'Unsupported start tag "{name}" at {{offset}}', begin)
        attributes = self._attributes(name, begin)
        self.position += 1  # the closing ">"
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise self._error('Tag "span" must have class "tg-spoiler" at {offset}', begin)
        if name == "tg-emoji" and not attributes.get("emoji-id"):
            raise self._error('Tag "tg-emoji" must have attribute "emoji-id" at {offset}', begin)
        self.stack.append(_OpenTag(name, attributes, self.utf16_offset))

    def _attributes(self, tag: str, begin: int) -> dict[str, str]:
        attributes: dict[str, str] = {}
        while True:
            self._skip_spaces()
            if not self._char():
                raise self._error("Unclosed start tag at {offset}", begin)
            if self._char() == ">":
                return attributes
            name = self._scan_until_space_or("=>").lower()
            if not name:
                raise self._error(f'Empty attribute name in the tag "{tag}" at {{offset}}', begin)
            self._skip_spaces()
            if self._char() != "=" and (tag, name) == ("blockquote", "expandable"):
                attributes[name] = ""
                continue
            if self._char() != "=":
                raise self._error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at {{offset}}',
                    begin,
                )
            self.position += 1
            self._skip_spaces()
            attributes.setdefault(name, self._attribute_value(tag, begin))

    def _attribute_value(self, tag: str, begin: int) -> str:
        quote = self._char()
        if not quote:
            raise self._error(f'Unclosed start tag "{tag}" at {{offset}}', begin)
        if quote in "\"'":
            end = self.text.find(quote, self.position + 1)
            if end < 0:
                raise self._error("Unclosed start tag at {offset}", begin)
            value = unescape_character_references(self.text[self.position + 1 : end])
            self.position = end + 1
            return value
        start = self.position
        while (char := self._char()) and (char.isalnum() or char in ".-"):
            self.position += 1
        if self._char() and not self._char().isspace() and self._char() != ">":
            raise self._error("Unexpected end of name token at {offset}", start)
        return self.text[start : self.position].lower()

    def _end_tag(self, begin: int) -> None:
        if not self.stack:
            raise self._error("Unexpected end tag at {offset}", begin)
        self.position = begin + 2
        end_name = self._scan_until_space_or(">").lower()
        self._skip_spaces()
        if self._char() != ">":
            raise self._error("Unclosed end tag at {offset}", begin)
        self.position += 1
        tag = self.stack[-1]
        if end_name and end_name != tag.name:
            raise self._error(
                f'Unmatched end tag at {{offset}}, expected "</{tag.name}>", '
                f'found "</{end_name}>"',
                begin,
            )
        self.stack.pop()
        self._close(tag)

    def _close(self, tag: _OpenTag) -> None:
        language = tag.attributes.get("class", "")
        parent = self.stack[-1] if self.stack else None
        if (
            tag.name == "code"
            and parent is not None
            and parent.name == "pre"
            and language.startswith("language-")
        ):
            # <pre><code class="language-x"> is one pre entity with a language.
            parent.language = language.removeprefix("language-")
            return
        length = self.utf16_offset - tag.offset
        if length <= 0:
            return
        entity_type = ENTITY_TYPE_BY_TAG[tag.name]
        entity: JSONDict = {"type": entity_type, "offset": tag.offset, "length": length}
        if tag.name == "a":
            url = tag.attributes.get("href", "")
            if not url:
                return
            entity["url"] = url
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        elif tag.name == "blockquote" and "expandable" in tag.attributes:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.attributes["emoji-id"]
        self.entities.append(entity)


def decode_character_reference(text: str, position: int) -> tuple[str | None, int]:
    """Decode ``&lt;``/``&#60;``/``&#x3C;`` at ``position``: (character, characters consumed)."""
    end = text.find(";", position + 1, position + 12)
    if end < 0:
        return None, 0
    body = text[position + 1 : end]
    if body.startswith("#"):
        digits, base = (body[2:], 16) if body[1:2] in ("x", "X") else (body[1:], 10)
        try:
            code_point = int(digits, base)
        except ValueError:
            return None, 0
        if not 0 < code_point <= 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
            return None, 0
        return chr(code_point), end - position + 1
    decoded = NAMED_CHARACTER_REFERENCES.get(body)
    return (decoded, end - position + 1) if decoded is not None else (None, 0)


def unescape_character_references(text: str) -> str:
    """Decode every supported character reference in an attribute value."""
    pieces, position = [], 0
    while (amp := text.find("&", position)) >= 0:
        pieces.append(text[position:amp])
        decoded, consumed = decode_character_reference(text, amp)
        pieces.append(decoded if decoded is not None else "&")
        position = amp + (consumed if decoded is not None else 1)
    pieces.append(text[position:])
    return "".join(pieces)
