"""Login links of the dashboard: single use, 10 minutes, stored hashed; sessions of 8 hours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.errors import (
    ExpiredLoginLink,
    NotAllowed,
    UnitsNoLongerFollowed,
    UnknownLoginLink,
    UsedLoginLink,
)
from bot.domain.roles import Role
from bot.domain.web_auth import new_token
from bot.services import web_access
from bot.services.people import (
    Caller,
    TelegramUser,
    UnitRole,
    bootstrap_admins,
    record_contact,
)
from bot.texts import error_text
from db.migrate import upgrade_to_head
from db.models import WebLogin, WebSession
from db.session import Database

NOW = datetime(2020, 3, 16, 2, 0, tzinfo=UTC)
ADMIN_ID, STRANGER_ID = 1001, 3003


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade_to_head(db)
    yield db
    db.dispose()


def known(database: Database, telegram_id: int, *, admin: bool) -> Caller:
    def work(session: Session) -> Caller:
        if admin:
            bootstrap_admins(session, [telegram_id], NOW)
        return record_contact(session, TelegramUser(telegram_id, "Quản trị"), NOW)
    return database.run_sync(work)


def link_for(database: Database, caller: Caller, now: datetime = NOW) -> str:
    return database.run_sync(lambda s: web_access.create_login_link(s, caller, now)).token


def open_link(database: Database, token: str, now: datetime) -> str:
    return database.run_sync(lambda s: web_access.open_login_link(s, token, now)).token


def test_a_link_opens_one_session_of_eight_hours_for_its_owner(database: Database) -> None:
    admin = known(database, ADMIN_ID, admin=True)
    cookie = open_link(database, link_for(database, admin), NOW + timedelta(minutes=9))
    viewer = database.run_sync(lambda s: web_access.session_viewer(
        s, cookie, NOW + timedelta(hours=8, minutes=8)))
    assert viewer is not None and viewer.telegram_user_id == ADMIN_ID
    assert Role.ADMIN in viewer.roles
    assert database.run_sync(lambda s: web_access.session_viewer(
        s, cookie, NOW + timedelta(hours=8, minutes=10))) is None


def test_a_link_works_once(database: Database) -> None:
    token = link_for(database, known(database, ADMIN_ID, admin=True))
    open_link(database, token, NOW)
    with pytest.raises(UsedLoginLink):
        open_link(database, token, NOW + timedelta(minutes=1))


def test_a_link_expires_after_ten_minutes(database: Database) -> None:
    token = link_for(database, known(database, ADMIN_ID, admin=True))
    with pytest.raises(ExpiredLoginLink):
        open_link(database, token, NOW + timedelta(minutes=10))


def test_unknown_and_malformed_links_are_refused(database: Database) -> None:
    link_for(database, known(database, ADMIN_ID, admin=True))
    for token in (new_token(), "short", "x" * 43 + "'", ""):
        with pytest.raises(UnknownLoginLink):
            open_link(database, token, NOW)


def test_only_the_digests_of_links_and_cookies_are_stored(database: Database) -> None:
    token = link_for(database, known(database, ADMIN_ID, admin=True))
    cookie = open_link(database, token, NOW)
    stored = database.run_sync(lambda s: [
        *s.scalars(select(WebLogin.token_hash)), *s.scalars(select(WebSession.token_hash))])
    assert len(stored) == 2 and token not in stored and cookie not in stored


def test_a_signed_out_cookie_opens_nothing(database: Database) -> None:
    cookie = open_link(database, link_for(database, known(database, ADMIN_ID, admin=True)), NOW)
    database.run_sync(lambda s: web_access.end_session(s, cookie))
    assert database.run_sync(lambda s: web_access.session_viewer(s, cookie, NOW)) is None


def test_people_without_a_role_get_no_link(database: Database) -> None:
    stranger = known(database, STRANGER_ID, admin=False)
    with pytest.raises(NotAllowed):
        link_for(database, stranger)


def test_expired_links_are_forgotten_a_day_later(database: Database) -> None:
    admin = known(database, ADMIN_ID, admin=True)
    old = link_for(database, admin)
    link_for(database, admin, NOW + timedelta(days=1, minutes=11))
    with pytest.raises(UnknownLoginLink):
        open_link(database, old, NOW + timedelta(days=1, minutes=11))


def test_officers_see_their_units_and_the_office_every_unit() -> None:
    office = Caller(1, 1, "Hạnh", frozenset({Role.EVERYONE, Role.OFFICE}))
    officer = Caller(2, 2, "Lan", frozenset({Role.EVERYONE, Role.OFFICER}),
                     (UnitRole("syt", "Sở Y tế", False),))
    assert web_access.visible_units(office) is None
    assert web_access.visible_units(officer) == frozenset({"syt"})
    with pytest.raises(NotAllowed):
        web_access.visible_units(Caller(3, 3, "Khách", frozenset({Role.EVERYONE})))


def test_an_officer_sees_only_the_units_still_followed() -> None:
    officer = Caller(2, 2, "Lan", frozenset({Role.EVERYONE, Role.OFFICER}),
                     (UnitRole("syt", "Sở Y tế", False),
                      UnitRole("sdl", "Sở Du lịch", False, active=False)))
    assert web_access.visible_units(officer) == frozenset({"syt"})


def test_an_officer_whose_every_unit_is_disabled_gets_no_link_and_no_page(
    database: Database
) -> None:
    closed = (UnitRole("sdl", "Sở Du lịch", True, active=False),
              UnitRole("bdt", "Ban Dân tộc tỉnh", False, active=False))
    officer = Caller(2, 2, "Lan", frozenset({Role.EVERYONE, Role.OFFICER}), closed)
    office = Caller(1, 1, "Hạnh", frozenset({Role.EVERYONE, Role.OFFICE, Role.OFFICER}), closed)
    with pytest.raises(UnitsNoLongerFollowed) as refused:
        web_access.visible_units(officer)
    with pytest.raises(UnitsNoLongerFollowed):
        link_for(database, officer)
    assert web_access.visible_units(office) is None  # the office keeps every unit
    assert error_text(refused.value, "vi") == (
        "Đơn vị anh/chị phụ trách (Sở Du lịch, Ban Dân tộc tỉnh) đã ngừng theo dõi trên hệ "
        "thống, nên anh/chị không còn xem được trang theo dõi báo cáo. Nếu cần xem lại các "
        "báo cáo trước đây của đơn vị, xin liên hệ Văn phòng UBND tỉnh.")
    assert error_text(refused.value, "en").startswith(
        "The units you serve (Sở Du lịch, Ban Dân tộc tỉnh) are no longer followed")
