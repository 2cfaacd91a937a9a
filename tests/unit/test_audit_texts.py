"""/audit in the reader's language: every action the code base can record has a label in
Vietnamese and English, due rules read in words, calendar days as officials write them."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.audit_actions import AuditAction
from bot.services.audit import AuditLine
from bot.texts import MESSAGES
from bot.texts.audit_render import action_label, audit_text, describe_changes

TRA_VINH = ZoneInfo("Asia/Ho_Chi_Minh")
AT = datetime(2020, 3, 2, 2, 30, tzinfo=UTC)  # 09:30 in Trà Vinh
ROOT = Path(__file__).resolve().parents[2]
MONTHLY_15 = "DTSTART:20261215\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15"
MONTHLY_18 = "DTSTART:20261218\nRRULE:FREQ=MONTHLY;BYMONTHDAY=18"


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_action_the_code_can_record_has_a_label_in_both_languages(
        action: AuditAction) -> None:
    labels = MESSAGES[f"audit.action.{action.value}"]
    assert labels.keys() == {"vi", "en"}
    assert all(labels.values()) and action.value not in labels.values()
    assert action_label(action.value, "vi") == labels["vi"] != labels["en"]


def test_the_audit_log_is_written_only_through_record_change_and_its_action_codes() -> None:
    """record_change takes an AuditAction (mypy checks its callers) and it alone appends to the
    log: so AuditAction lists every code the log can hold, and each has a label (above)."""
    assert _audit_appends() == ["bot/services/audit.py"]


def _audit_appends() -> list[str]:
    """Modules calling db.audit.append (written `audit.append(` in this code base)."""
    callers = set()
    for package in ("bot", "handlers", "scheduler", "db", "config"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "append" and isinstance(node.func.value, ast.Name)
                        and node.func.value.id == "audit"):
                    callers.add(str(path.relative_to(ROOT)))
    return sorted(callers)


def test_deadline_and_calendar_entries_read_in_vietnamese_with_the_rule_in_words() -> None:
    entries = [
        AuditLine(AT, "Quản trị", "deadline.edit", "bcthattp", {"rule": MONTHLY_15},
                  {"rule": MONTHLY_18}),
        AuditLine(AT, "Quản trị", "calendar.day_off", "2020-03-31", None,
                  {"kind": "day_off", "reason": "Nghỉ đột xuất"}),
        AuditLine(AT, "Quản trị", "deadline.add", "bct", None,
                  {"rule": "DTSTART:20200331\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1"}),
    ]
    assert audit_text(entries, TRA_VINH, "vi").splitlines()[1:] == [
        "02/03/2020 09:30 · <b>Quản trị</b> · sửa hạn báo cáo · bcthattp: "
        "hạn: ngày 15 hằng tháng → ngày 18 hằng tháng",
        "02/03/2020 09:30 · <b>Quản trị</b> · thêm ngày nghỉ · 31/03/2020: "
        "loại ngày: ngày nghỉ, lý do: Nghỉ đột xuất",
        "02/03/2020 09:30 · <b>Quản trị</b> · thêm hạn báo cáo · bct: hạn: ngày cuối tháng",
    ]
    assert audit_text(entries, TRA_VINH, "en").splitlines()[1:] == [
        "02/03/2020 09:30 · <b>Quản trị</b> · deadline edited · bcthattp: "
        "due rule: every month on day 15 → every month on day 18",
        "02/03/2020 09:30 · <b>Quản trị</b> · day off added · 31/03/2020: "
        "day kind: day off, reason: Nghỉ đột xuất",
        "02/03/2020 09:30 · <b>Quản trị</b> · deadline added · bct: "
        "due rule: on the last day of every month",
    ]


def test_extension_dates_read_as_officials_write_them_and_values_stay_escaped() -> None:
    assert describe_changes({"due_date": "2020-03-10"}, {"granted_until": "2020-03-20"},
                            "vi") == "hạn: 10/03/2020 → —, gia hạn đến: 20/03/2020"
    assert describe_changes(None, {"reason": "Bão <số 5> & lũ"}, "vi") == (
        "lý do: Bão &lt;số 5&gt; &amp; lũ")
    assert describe_changes(None, {"rule": "not a rule"}, "vi") == "hạn: not a rule"


def test_snapshot_keys_roles_and_unit_groups_read_in_the_readers_language() -> None:
    assert describe_changes({"group": "department"}, {"group": "agency"}, "vi") == (
        "nhóm: Sở, ban, ngành → Cơ quan khác")
    assert describe_changes(None, {"role": "head", "unit": "syt"}, "vi") == (
        "vai trò: lãnh đạo đơn vị, đơn vị: syt")
    assert describe_changes({"roles": ["admin", "officer"]}, {"roles": ["everyone"]}, "en") == (
        "roles: admin, officer → everyone")
    assert describe_changes({"active": True}, {"active": False}, "vi") == (
        "đang theo dõi: có → không")


@pytest.mark.parametrize("key", sorted(
    {"title", "rule", "units", "recipient", "offsets", "legal", "paused", "name", "group",
     "active", "invite", "reachable", "reason", "status", "chat_id", "unit", "head", "roles",
     "admin", "due_date", "granted_until", "day", "role", "revoked", "request", "kind",
     "office", "count", "first", "last", "expires_at"}))
def test_every_snapshot_key_written_today_has_a_label_in_both_languages(key: str) -> None:
    labels = MESSAGES[f"audit.field.{key}"]
    assert labels.keys() == {"vi", "en"} and all(labels.values())


def test_an_invite_reads_in_the_readers_language_with_its_expiry_in_local_time() -> None:
    """Issue 22: `expires_at: 2020-01-23T02:00:03…+00:00`, an English name and a UTC time."""
    entries = [AuditLine(AT, "Quản trị", "invite.create", "invite #3", None,
                         {"role": "officer", "unit": "syt", "group": True,
                          "expires_at": "2020-01-23T02:00:03.123456+00:00"})]
    assert audit_text(entries, TRA_VINH, "vi").splitlines()[1] == (
        "02/03/2020 09:30 · <b>Quản trị</b> · tạo đường dẫn đăng ký · đường dẫn đăng ký #3: "
        "vai trò: cán bộ, đơn vị: syt, nhóm: có, hết hạn: 23/01/2020 09:00")
    assert audit_text(entries, TRA_VINH, "en").splitlines()[1] == (
        "02/03/2020 09:30 · <b>Quản trị</b> · invite created · invite #3: "
        "role: officer, unit: syt, group: yes, expires: 23/01/2020 09:00")


def test_reminder_offsets_read_as_a_list_of_days_not_a_python_list() -> None:
    """Issue 22: `nhắc trước (ngày): [1]`."""
    assert describe_changes(None, {"offsets": [1]}, "vi") == "nhắc trước (ngày): 1"
    assert describe_changes(None, {"offsets": [7, 3, 1]}, "en") == (
        "reminders before (days): 7, 3, 1")
    assert describe_changes({"offsets": "7,3,1"}, {"offsets": "3,1"}, "vi") == (
        "nhắc trước (ngày): 7, 3, 1 → 3, 1")
    assert describe_changes({"offsets": [1]}, {"offsets": []}, "vi") == "nhắc trước (ngày): 1 → —"


def test_a_group_the_bot_was_removed_from_reads_in_words() -> None:
    after = {"reachable": False, "reason": "bot_removed", "status": "kicked", "removed_by": 42}
    assert describe_changes({"reachable": True}, after, "vi") == (
        "liên lạc được: có → không, lý do: bot bị gỡ khỏi nhóm, trạng thái: bị xoá khỏi nhóm, "
        "người gỡ bot (mã Telegram): 42")
    assert describe_changes({"reachable": True}, after, "en") == (
        "reachable: yes → no, reason: bot removed from the group, status: removed from the "
        "group, removed by (Telegram id): 42")


def test_every_snapshot_key_the_code_writes_has_a_label_in_both_languages() -> None:
    """Read from the code, so a key added later cannot reach /audit unnamed."""
    keys = _snapshot_keys()
    assert {"expires_at", "removed_by", "offsets", "title", "kind"} <= keys
    unnamed = sorted(key for key in keys if f"audit.field.{key}" not in MESSAGES)
    assert unnamed == []
    for key in keys:
        assert MESSAGES[f"audit.field.{key}"].keys() == {"vi", "en"}


def _snapshot_keys() -> set[str]:
    """String keys of the dicts given to record_change as `before`/`after`, and in the modules
    calling it, of the snapshot helpers (`_stored`, `_snapshot`) and variables `snapshot`."""
    found: set[str] = set()
    for path in (ROOT / "bot" / "services").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                   and node.func.id == "record_change" for node in ast.walk(tree)):
            continue
        for node in ast.walk(tree):
            sources: list[ast.AST] = []
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "record_change"):
                sources += [kw.value for kw in node.keywords if kw.arg in ("before", "after")]
            elif isinstance(node, ast.FunctionDef) and node.name in ("_stored", "_snapshot"):
                sources.append(node)
            elif isinstance(node, ast.AnnAssign | ast.Assign) and any(
                    isinstance(target, ast.Name) and target.id == "snapshot"
                    for target in (node.targets if isinstance(node, ast.Assign)
                                   else [node.target])):
                sources.append(node.value or node)
            for source in sources:
                found |= {key.value for dict_node in ast.walk(source)
                          if isinstance(dict_node, ast.Dict)
                          for key in dict_node.keys
                          if isinstance(key, ast.Constant) and isinstance(key.value, str)}
    return found


def test_a_groups_invites_read_with_the_group_and_the_reason_in_words() -> None:
    entries = [
        AuditLine(AT, "Quản trị", "invite.bulk_create", "communes", None,
                  {"role": "officer", "count": 124, "first": 12, "last": 135,
                   "expires_at": "2020-03-09T02:30:00+00:00"}),
        AuditLine(AT, "Quản trị", "invite.bulk_revoke", "communes", None,
                  {"count": 124, "reason": "files_not_delivered"}),
    ]
    assert audit_text(entries, TRA_VINH, "vi").splitlines()[1:] == [
        "02/03/2020 09:30 · <b>Quản trị</b> · tạo đường dẫn đăng ký cho cả nhóm đơn vị · UBND "
        "các xã, phường: vai trò: cán bộ, số lượng: 124, từ số: 12, đến số: 135, hết hạn: "
        "09/03/2020 09:30",
        "02/03/2020 09:30 · <b>Quản trị</b> · thu hồi đường dẫn đăng ký của cả nhóm đơn vị · "
        "UBND các xã, phường: số lượng: 124, lý do: không gửi được tệp đường dẫn",
    ]
