"""Files attached to a report, pure parts: allowed types, the size limit, safe names and the
archive path."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.errors import FileTooLarge, FileTypeNotAllowed
from bot.domain.status_files import (
    IncomingFile,
    archive_path,
    check_file,
    clean_file_name,
    megabytes,
    numbered,
)
from bot.texts import error_text
from bot.texts.statuses_render import file_size_text
from config.settings import SettingsError, load_settings

MB = 1024 * 1024
# A realistic title, as officers name their files: 221 letters, 295 bytes in UTF-8.
LONG_TITLE = ("Báo cáo kết quả thực hiện Nghị quyết số 01 của Chính phủ về những nhiệm vụ, giải "
              "pháp chủ yếu thực hiện kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách "
              "nhà nước năm 2020 trên địa bàn tỉnh Trà Vinh, trong quý một")


def incoming(name: str, mime: str = "", size: int | None = 1000) -> IncomingFile:
    return IncomingFile("file-id", "AgAD1", name, mime, size)


@pytest.mark.parametrize("name", ["bc.pdf", "BC.PDF", "bieu.xlsx", "bieu.xls", "vb.doc",
                                  "vb.docx", "vb.odt", "bieu.ods", "anh.jpg", "anh.jpeg",
                                  "anh.png", "hoso.zip"])
def test_documents_spreadsheets_images_and_archives_are_taken(name: str) -> None:
    assert check_file(incoming(name), MB).name.lower() == name.lower()


@pytest.mark.parametrize("name", ["setup.exe", "script.js", "bao-cao.pdf.exe", "noextension",
                                  "anh.gif", "tai-lieu.rar"])
def test_other_types_are_refused_naming_the_allowed_ones(name: str) -> None:
    with pytest.raises(FileTypeNotAllowed) as refused:
        check_file(incoming(name), MB)
    assert error_text(refused.value, "vi").endswith(
        "các loại: PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, JPG, PNG, ZIP. Chưa có gì được lưu.")


def test_a_file_without_a_name_is_judged_by_its_type_and_gets_a_name() -> None:
    photo = check_file(incoming("", "image/jpeg"), MB)
    assert (photo.name, photo.extension) == ("tep_AgAD1.jpg", "jpg")
    with pytest.raises(FileTypeNotAllowed):
        check_file(incoming("", "application/x-msdownload"), MB)


def test_a_file_over_the_limit_is_refused_and_one_of_unknown_size_is_taken() -> None:
    assert check_file(incoming("bc.pdf", size=MB), MB).size == MB
    with pytest.raises(FileTooLarge) as refused:
        check_file(incoming("bc.pdf", size=MB + MB // 2), MB)
    assert refused.value.params["size"] == "1,5" and refused.value.params["maximum"] == "1"
    assert check_file(incoming("bc.pdf", size=None), MB).size is None
    with pytest.raises(FileTypeNotAllowed):  # a wrong type is refused whatever its size
        check_file(incoming("setup.exe", size=50 * MB), MB)


def test_names_lose_folders_control_and_reserved_characters_but_keep_vietnamese() -> None:
    assert clean_file_name("../../etc/Báo cáo quý I.pdf", "pdf", "x") == "Báo cáo quý I.pdf"
    assert clean_file_name("C:\\Users\\lan\\bc.docx", "docx", "x") == "bc.docx"
    assert clean_file_name("a\x00b<c>:d|e?.pdf", "pdf", "x") == "a b c d e.pdf"
    assert clean_file_name("...pdf", "pdf", "AgAD9") == "tep_AgAD9.pdf"
    assert len(clean_file_name("x" * 500 + ".pdf", "pdf", "x")) == 255


def test_a_long_vietnamese_title_is_cut_to_255_bytes_at_a_whole_letter_keeping_its_extension(
) -> None:
    assert (len(LONG_TITLE), len(LONG_TITLE.encode())) == (221, 295)
    name = clean_file_name(LONG_TITLE + ".docx", "docx", "x")
    stem = name.removesuffix(".docx")
    assert name.endswith(".docx") and LONG_TITLE.startswith(stem)
    assert 250 <= len(name.encode()) <= 255  # as long as the file system takes
    renamed = numbered(Path("/srv/luutru") / name, 999).name
    assert renamed.endswith(" (999).docx") and len(renamed.encode()) <= 255
    assert LONG_TITLE.startswith(renamed.removesuffix(" (999).docx"))


def test_a_letter_is_never_cut_from_its_marks() -> None:
    decomposed = "x\u0303" * 200  # x̃ has no precomposed form: two code points, 3 bytes
    stem = clean_file_name(decomposed + ".pdf", "pdf", "x").removesuffix(".pdf")
    assert len(stem.encode()) <= 251 and stem == "x\u0303" * (len(stem) // 2)


def test_the_archive_keeps_files_by_year_report_and_unit() -> None:
    path = archive_path(Path("/srv/luutru"), 2020, "quy", "syt", "Báo cáo.pdf")
    assert path == Path("/srv/luutru/2020/quy/syt/Báo cáo.pdf")
    assert numbered(path, 2) == Path("/srv/luutru/2020/quy/syt/Báo cáo (2).pdf")


def test_sizes_read_the_vietnamese_way() -> None:
    assert megabytes(20 * MB) == "20" and megabytes(MB + MB // 4) == "1,2"
    assert [file_size_text(size, "vi") for size in (10, 3000, 5 * MB // 2, None)] == [
        "1 KB", "3 KB", "2,5 MB", "không rõ dung lượng"]


def test_the_file_settings_default_to_telegrams_limit_and_no_archive(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in ("BOT_MAX_FILE_MB", "BOT_ARCHIVE_DIR"):
        monkeypatch.delenv(name, raising=False)
    defaults = load_settings()
    assert (defaults.bot_max_file_mb, defaults.max_file_bytes) == (20, 20 * MB)
    assert defaults.bot_archive_dir is None
    monkeypatch.setenv("BOT_MAX_FILE_MB", "5")
    monkeypatch.setenv("BOT_ARCHIVE_DIR", str(tmp_path / "luu-tru"))
    chosen = load_settings()
    assert chosen.max_file_bytes == 5 * MB and chosen.bot_archive_dir == tmp_path / "luu-tru"
    monkeypatch.setenv("BOT_ARCHIVE_DIR", " ")
    assert load_settings().bot_archive_dir is None


@pytest.mark.parametrize(("variable", "value", "expected"), [
    ("BOT_MAX_FILE_MB", "0", "BOT_MAX_FILE_MB: Input should be greater than or equal to 1"),
    ("BOT_ARCHIVE_DIR", "a-file.txt", "BOT_ARCHIVE_DIR: 'a-file.txt' exists and is not a folder"),
])
def test_a_bad_file_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file.txt").write_text("x")
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value) == expected
