"""What is stored: SQLAlchemy 2 typed models. Every change here gets an Alembic revision."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, Date, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import UTCDateTime

# Named constraints, so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Person(Base):
    """Someone who has talked to the bot (or is an admin named in BOT_ADMIN_IDS)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    full_name: Mapped[str] = mapped_column(String(256), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    language_code: Mapped[str | None] = mapped_column(String(16))
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Unit(Base):
    """A reporting unit: a provincial department, a district committee or another agency."""

    __tablename__ = "units"
    __table_args__ = (
        CheckConstraint("unit_group IN ('department', 'district', 'agency')", name="unit_group"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(256))
    unit_group: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Deadline(Base):
    """A reporting obligation: what, on which legal basis, to whom, from whom and when (RRULE).

    `units_selector` is kept as written (`all -bdt`) and resolved when used, so a unit added
    later is included in `all`; `rule` is the canonical RFC 5545 text with DTSTART.
    """

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(512))
    legal_kind: Mapped[str] = mapped_column(String(64), default="")
    legal_document: Mapped[str] = mapped_column(String(128), default="")
    legal_issued_on: Mapped[date | None] = mapped_column(Date)
    legal_issuer: Mapped[str] = mapped_column(String(256), default="")
    legal_title: Mapped[str] = mapped_column(Text, default="")
    legal_clause: Mapped[str] = mapped_column(String(256), default="")
    recipient_code: Mapped[str] = mapped_column(String(32))
    recipient_name: Mapped[str] = mapped_column(String(256))
    units_selector: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    period_kind: Mapped[str] = mapped_column(String(16))
    period_label: Mapped[str] = mapped_column(String(64), default="")
    period_shift: Mapped[int] = mapped_column(default=0)
    before_offsets: Mapped[list[int]] = mapped_column(JSON)
    remind_on_due_day: Mapped[bool] = mapped_column(default=True)
    overdue_offsets: Mapped[list[int]] = mapped_column(JSON)
    escalation_offsets: Mapped[list[int]] = mapped_column(JSON)
    paused: Mapped[bool] = mapped_column(default=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CalendarDay(Base):
    """An exception to the holiday calendar: an extra day off or a make-up working day."""

    __tablename__ = "calendar_days"
    __table_args__ = (CheckConstraint("kind IN ('day_off', 'working_day')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(256), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
