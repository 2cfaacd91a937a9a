"""`deadline-bot province reorganize FILE [--apply]`, the real command on both databases: the
plan changes nothing, --apply changes it once, mistakes end with one line and change nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from db.models import Unit
from db.session import Database
from tests.e2e.test_cli_errors import run_cli

MERGE = """\
format: 1
reorganisations:
  - effective_on: 01/07/2025
    kind: merge
    legal_basis: {document: 1687/NQ-UBTVQH15, date: 16/06/2025}
    predecessors: [canglong, cauke]
    successors: [xacl]
    create:
      - {code: xacl, name: Xã Càng Long, group: commune}
"""


def reorganize(tmp_path: Path, database_url: str, content: str, *flags: str):  # type: ignore[no-untyped-def]
    (tmp_path / "reorg.yaml").write_text(content, encoding="utf-8")
    return run_cli(tmp_path, "province", "reorganize", "reorg.yaml", *flags,
                   DATABASE_URL=database_url, BOT_LOG_LEVEL="WARNING")


def units_until(database_url: str) -> dict[str, str | None]:
    database = Database(database_url)
    try:
        return database.run_sync(lambda s: {
            code: until.isoformat() if until else None
            for code, until in s.execute(select(Unit.code, Unit.active_until))})
    finally:
        database.dispose()


def test_the_plan_changes_nothing_and_apply_changes_it_once(tmp_path: Path,
                                                            database_url: str) -> None:
    planned = reorganize(tmp_path, database_url, MERGE)
    assert planned.returncode == 0, planned.stderr
    assert "Kế hoạch sắp xếp lại đơn vị: 1 sự kiện sẽ được áp dụng." in planned.stdout
    assert ("Hợp nhất Ủy ban nhân dân huyện Càng Long (canglong), Ủy ban nhân dân huyện Cầu Kè "
            "(cauke) thành Xã Càng Long (xacl) từ 01/07/2025") in planned.stdout
    assert "xacl" not in units_until(database_url)
    applied = reorganize(tmp_path, database_url, MERGE, "--apply")
    assert applied.returncode == 0, applied.stderr
    assert applied.stdout.rstrip().endswith("✅ Đã áp dụng 1 sự kiện sắp xếp lại đơn vị.")
    after = units_until(database_url)
    assert after["canglong"] == after["cauke"] == "2025-06-30" and after["xacl"] is None
    again = reorganize(tmp_path, database_url, MERGE, "--apply")
    assert again.returncode == 0
    assert again.stdout.strip() == (
        "Mọi sự kiện trong kế hoạch đã được áp dụng trước đó; không có gì thay đổi.")


def test_a_bad_file_or_a_refused_plan_ends_with_one_line_and_changes_nothing(
    tmp_path: Path, database_url: str
) -> None:
    bad = reorganize(tmp_path, database_url, MERGE.replace("kind: merge", "kind: fusion"),
                     "--apply")
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("deadline-bot: reorganisation file: reorg.yaml: "
                                 "reorganisations[0].kind: ")
    assert len(bad.stderr.strip().splitlines()) == 1
    refused = reorganize(tmp_path, database_url, MERGE.replace("[canglong, cauke]",
                                                              "[canglong, caukee]"), "--apply")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines()[-1].startswith("deadline-bot: ")
    assert "caukee" in refused.stderr
    assert "xacl" not in units_until(database_url)
