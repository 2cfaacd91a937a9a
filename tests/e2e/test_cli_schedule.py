"""`deadline-bot schedule` and `departments` on a fresh database, SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from tests.e2e.test_cli_errors import run_cli


def schedule(tmp_path: Path, database_url: str, year: int) -> list[dict[str, object]]:
    result = run_cli(tmp_path, "schedule", "--year", str(year), "--format", "json",
                     DATABASE_URL=database_url, BOT_LOG_LEVEL="WARNING")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def due_dates(plan: list[dict[str, object]], code: str) -> list[tuple[str, str]]:
    return [(str(o["due_date"]), str(o["effective_due_date"]))
            for o in plan if o["deadline_code"] == code]


def test_the_2020_plan_is_the_one_the_seed_documents_give(tmp_path: Path,
                                                          database_url: str) -> None:
    plan = schedule(tmp_path, database_url, 2020)
    assert [(o["deadline_code"], o["due_date"], o["period"]) for o in plan] == [
        ("trienkhai", "2020-01-20", "Năm 2020"),
        ("quy", "2020-03-10", "Quý I/2020"),
        ("quy", "2020-06-10", "Quý II/2020"),
        ("khnam_noidung", "2020-07-10", "5 năm 2021-2025"),
        ("khnam_duthao", "2020-07-20", "5 năm 2021-2025"),
        ("quy", "2020-09-10", "Quý III/2020"),
        ("tongket", "2020-11-10", "Năm 2020"),
        ("quy", "2020-12-10", "Quý IV/2020"),
    ]
    by_code = {o["deadline_code"]: o for o in plan}
    assert by_code["khnam_noidung"]["recipient"] == "skhdt"
    assert by_code["khnam_duthao"]["recipient"] == "chutich"
    assert by_code["khnam_duthao"]["units"] == ["skhdt"]
    assert "skhdt" not in by_code["khnam_noidung"]["units"]  # type: ignore[operator]
    assert {"vpubnd", "tptv", "duyenhai", "txdh"} <= set(by_code["quy"]["units"])  # type: ignore[arg-type]


def test_reminders_of_2020_skip_the_tet_holidays(tmp_path: Path, database_url: str) -> None:
    plan = schedule(tmp_path, database_url, 2020)
    first = plan[0]
    reminders = [(r["at"], r["kind"]) for r in first["reminders"]]  # type: ignore[attr-defined]
    assert reminders == [
        ("2020-01-09T08:00:00+07:00", "before"),
        ("2020-01-15T08:00:00+07:00", "before"),
        ("2020-01-17T08:00:00+07:00", "before"),
        ("2020-01-20T08:00:00+07:00", "due"),
        ("2020-01-21T08:00:00+07:00", "overdue"),
        # Tết Canh Tý: 23/01-29/01/2020 are days off, so +3 working days is 30/01.
        ("2020-01-30T08:00:00+07:00", "escalation"),
        ("2020-02-05T08:00:00+07:00", "escalation"),
    ]


def reminder_days(plan: list[dict[str, object]], code: str, due: str) -> list[str]:
    occurrence = next(o for o in plan if o["deadline_code"] == code and o["due_date"] == due)
    return [r["at"][:10] for r in occurrence["reminders"]]  # type: ignore[attr-defined]


def test_2021_reminders_step_over_weekends_and_the_national_day(tmp_path: Path,
                                                                 database_url: str) -> None:
    plan = schedule(tmp_path, database_url, 2021)
    # One-off deadlines of the 2020 five-year plan do not come back.
    assert {o["deadline_code"] for o in plan} == {"trienkhai", "quy", "tongket"}
    # Fri 10/09/2021: 02-03/09 (Quốc khánh) and two weekends lie between it and 7 working days back.
    assert reminder_days(plan, "quy", "2021-09-10") == [
        "2021-08-30", "2021-09-07", "2021-09-09", "2021-09-10",
        "2021-09-13", "2021-09-15", "2021-09-21"]


def test_2025_overdue_reminders_jump_over_tet(tmp_path: Path, database_url: str) -> None:
    plan = schedule(tmp_path, database_url, 2025)
    # Tết Ất Tỵ: 25/01-02/02/2025 off, so 7 working days after Mon 20/01 is Wed 05/02.
    assert reminder_days(plan, "trienkhai", "2025-01-20") == [
        "2025-01-09", "2025-01-15", "2025-01-17", "2025-01-20",
        "2025-01-21", "2025-01-23", "2025-02-05"]
    for occurrence in plan:
        assert date.fromisoformat(str(occurrence["effective_due_date"])).weekday() < 5
        for reminder in occurrence["reminders"]:  # type: ignore[attr-defined]
            assert datetime.fromisoformat(reminder["at"]).weekday() < 5, reminder


def test_a_due_date_on_a_weekend_moves_to_the_next_working_day(tmp_path: Path,
                                                                database_url: str) -> None:
    plan = schedule(tmp_path, database_url, 2023)
    assert ("2023-06-10", "2023-06-12") in due_dates(plan, "quy")  # Saturday → Monday


def test_departments_lists_every_unit_with_its_code(tmp_path: Path, database_url: str) -> None:
    result = run_cli(tmp_path, "departments", DATABASE_URL=database_url, BOT_LOG_LEVEL="WARNING")
    assert result.returncode == 0, result.stderr
    assert "skhdt      Sở Kế hoạch và Đầu tư" in result.stdout
    assert "txdh       Ủy ban nhân dân thị xã Duyên Hải" in result.stdout
    assert "duyenhai   Ủy ban nhân dân huyện Duyên Hải" in result.stdout
    assert result.stdout.count("\n  ") == 38


def test_a_broken_province_file_is_refused_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "tinh.yaml"
    broken.write_text("format: 1\nprovince: {name: X, office: vp}\nunits: []\n", encoding="utf-8")
    result = run_cli(tmp_path, "departments", BOT_PROVINCE_FILE=str(broken))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    expected = "deadline-bot: configuration error: BOT_PROVINCE_FILE: tinh.yaml"
    assert result.stderr.startswith(expected)
    assert not (tmp_path / "data").exists()
