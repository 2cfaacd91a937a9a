"""One process per SQLite file: the lock beside the database refuses a second holder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from db.process_lock import DatabaseInUse, lock_database_file, sqlite_database_file


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def test_a_second_holder_of_the_same_file_is_refused_with_a_one_line_message(
    tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite3"
    with lock_database_file(sqlite_url(database)) as held:
        assert held is not None and held.held
        # flock belongs to the open file description: a second open() is refused in-process too
        with pytest.raises(DatabaseInUse) as refused:
            lock_database_file(sqlite_url(database))
    assert str(refused.value) == (
        f"Another deadline-bot process is already using {database}; stop it first or use "
        "PostgreSQL to run several workers.")
    assert (tmp_path / "bot.sqlite3.lock").exists()


def test_another_process_is_refused_while_the_lock_is_held_and_admitted_after(
    tmp_path: Path
) -> None:
    url = sqlite_url(tmp_path / "bot.sqlite3")
    probe = ("import sys; from db.process_lock import DatabaseInUse, lock_database_file\n"
             "try:\n    lock_database_file(sys.argv[1])\n"
             "except DatabaseInUse as e:\n    print(e); sys.exit(2)\n")

    def second_process() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", probe, url], capture_output=True,
                              text=True, cwd=Path(__file__).parents[2], timeout=30)

    held = lock_database_file(url)
    assert held is not None
    refused = second_process()
    held.release()
    admitted = second_process()
    assert refused.returncode == 2
    assert refused.stdout.startswith("Another deadline-bot process is already using")
    assert admitted.returncode == 0, admitted.stderr


def test_the_lock_is_released_on_close_and_can_be_taken_again(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "bot.sqlite3")
    first = lock_database_file(url)
    assert first is not None
    first.release()
    first.release()  # idempotent
    with lock_database_file(url) as again:
        assert again is not None and again.held
    assert not again.held


def test_two_spellings_of_one_file_share_one_lock(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with lock_database_file(sqlite_url(tmp_path / "bot.sqlite3")), \
            pytest.raises(DatabaseInUse):
        lock_database_file("sqlite:///./sub/../bot.sqlite3")


@pytest.mark.parametrize("url", [
    "sqlite://", "sqlite:///:memory:", "sqlite:///file:shared?mode=memory&uri=true",
    "postgresql+psycopg://u:p@127.0.0.1:5432/bot",
])
def test_in_memory_sqlite_and_postgresql_need_no_lock(url: str) -> None:
    assert sqlite_database_file(url) is None
    assert lock_database_file(url) is None
