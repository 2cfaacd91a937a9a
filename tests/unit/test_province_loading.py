"""Loading a province data file: another province's file works; mistakes name file, entry, field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.domain.errors import InvalidProvinceData
from bot.texts import error_text
from config.province import load_province

MINIMAL: dict[str, Any] = {
    "format": 1,
    "province": {"name": "Vĩnh Long", "office": "vpubnd"},
    "recipients": [{"code": "chutich", "name": "Chủ tịch Ủy ban nhân dân tỉnh"}],
    "units": [
        {"code": "vpubnd", "group": "department", "name": "Văn phòng Ủy ban nhân dân tỉnh"},
        {"code": "skhdt", "group": "department", "name": "Sở Kế hoạch và Đầu tư"},
        {"code": "tpvl", "group": "district", "name": "Ủy ban nhân dân thành phố Vĩnh Long"},
    ],
    "deadlines": [
        {
            "code": "quy",
            "title": "Báo cáo quý",
            "legal_basis": {"type": "Quyết định", "document": "05/QĐ-UBND",
                            "date": "2021-01-04", "clause": "mục 3"},
            "recipient": "vpubnd",
            "units": "all -vpubnd",
            "rrule": "DTSTART:20210315\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=15",
            "period": {"kind": "quarter"},
            "reminders": {"before": [5, 2]},
        },
    ],
}


def write(tmp_path: Path, data: dict[str, Any], name: str = "vinh_long.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def broken(tmp_path: Path, change: str, value: object) -> InvalidProvinceData:
    """Load MINIMAL with the field at dotted path `change` set to `value`; return the error."""
    data = copy.deepcopy(MINIMAL)
    *parents, last = [int(p) if p.isdigit() else p for p in change.split(".")]
    node: Any = data
    for step in parents:
        node = node[step]
    node[last] = value
    with pytest.raises(InvalidProvinceData) as raised:
        load_province(write(tmp_path, data))
    return raised.value


def test_another_province_replaces_the_data_with_its_own_file(tmp_path: Path) -> None:
    province = load_province(write(tmp_path, MINIMAL))
    assert province.name == "Vĩnh Long"
    quarterly = province.deadline("quy")
    assert quarterly.units == ("skhdt", "tpvl")
    assert quarterly.offsets.before == (5, 2)
    assert quarterly.offsets.overdue == (1, 3, 7)  # the defaults fill what is not given


def test_a_malformed_rule_names_the_file_the_deadline_and_the_field(tmp_path: Path) -> None:
    error = broken(tmp_path, "deadlines.0.rrule", "DTSTART:20210315\nRRULE:FREQ=YEARLY;"
                   "BYMONTH=3,6,9,12;BYMONTHDAY=32")
    assert str(error).startswith("vinh_long.yaml: deadlines[0] (quy).rrule: BYMONTHDAY must be")
    assert "'BYMONTHDAY=32'" in str(error)


def test_an_unknown_unit_code_is_reported_with_suggestions(tmp_path: Path) -> None:
    error = broken(tmp_path, "deadlines.0.units", "skhdtt tpvl")
    assert error.params["where"] == "deadlines[0] (quy).units"
    assert "(closest: skhdt" in str(error.params["detail"])


def test_a_date_that_does_not_exist_is_rejected(tmp_path: Path) -> None:
    error = broken(tmp_path, "deadlines.0.legal_basis.date", "2021-02-31")
    assert error.params["where"] == "deadlines[0] (quy).legal_basis.date"
    assert "28 days" in str(error.params["detail"])


@pytest.mark.parametrize(("offsets", "words"), [([5, -2], "-2 is not between"),
                                                ([5, 5], "5 is given twice")])
def test_negative_or_duplicate_offsets_are_rejected(
    tmp_path: Path, offsets: list[int], words: str,
) -> None:
    error = broken(tmp_path, "deadlines.0.reminders.before", offsets)
    assert error.params["where"] == "deadlines[0] (quy).reminders"
    assert words in str(error.params["detail"])


def test_before_offsets_reaching_the_previous_quarter_are_rejected(tmp_path: Path) -> None:
    error = broken(tmp_path, "deadlines.0.reminders.before", [70])
    assert error.params["where"] == "deadlines[0] (quy).reminders"
    assert "not after the previous occurrence's due date 15/03/2021" in str(
        error.params["detail"])


def test_a_unit_code_used_twice_is_rejected_at_the_second_one(tmp_path: Path) -> None:
    error = broken(tmp_path, "units.2.code", "skhdt")
    assert error.params["where"] == "units[2] (skhdt).code"


def test_a_bad_unit_code_is_rejected(tmp_path: Path) -> None:
    error = broken(tmp_path, "units.1.code", "SKHĐT")
    assert error.params["where"] == "units[1] (SKHĐT).code"


def test_an_unknown_group_is_rejected(tmp_path: Path) -> None:
    error = broken(tmp_path, "units.1.group", "ministry")
    assert error.params["where"] == "units[1] (skhdt).group"


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    data = copy.deepcopy(MINIMAL)
    del data["deadlines"][0]["title"]
    with pytest.raises(InvalidProvinceData) as raised:
        load_province(write(tmp_path, data))
    assert raised.value.params["where"] == "deadlines[0] (quy).title"
    assert "required" in str(raised.value.params["detail"])


def test_a_misspelt_field_is_named(tmp_path: Path) -> None:
    error = broken(tmp_path, "deadlines.0.rule", "DTSTART:20210315\nRDATE:20210315")
    assert error.params["where"] == "deadlines[0] (quy).rule"


def test_an_unknown_recipient_or_office_is_rejected(tmp_path: Path) -> None:
    assert broken(tmp_path, "deadlines.0.recipient", "chutic").params["where"] == \
        "deadlines[0] (quy).recipient"
    assert broken(tmp_path, "province.office", "vp").params["where"] == "province"


def test_an_unknown_period_kind_is_rejected(tmp_path: Path) -> None:
    error = broken(tmp_path, "deadlines.0.period", {"kind": "quý"})
    assert error.params["where"] == "deadlines[0] (quy).period"


def test_an_unsupported_format_version_is_rejected(tmp_path: Path) -> None:
    assert broken(tmp_path, "format", 2).params["where"] == "format"


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("format: 1\nunits: [\n  {code: a\n", encoding="utf-8")
    with pytest.raises(InvalidProvinceData) as raised:
        load_province(path)
    assert str(raised.value.params["where"]).startswith("line ")


def test_a_key_given_twice_is_rejected_instead_of_silently_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text("format: 1\nformat: 2\n", encoding="utf-8")
    with pytest.raises(InvalidProvinceData) as raised:
        load_province(path)
    assert "given twice" in str(raised.value.params["detail"])


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InvalidProvinceData) as raised:
        load_province(tmp_path / "none.yaml")
    assert raised.value.params["file"] == "none.yaml"


def test_the_error_reads_politely_in_vietnamese(tmp_path: Path) -> None:
    error = broken(tmp_path, "deadlines.0.units", "skhdtt")
    message = error_text(error, "vi")
    assert message.startswith("Tệp dữ liệu vinh_long.yaml có lỗi tại deadlines[0] (quy).units")
    assert message.endswith("Chưa có dữ liệu nào được nạp.")
