"""What is stored: SQLAlchemy 2 typed models. Every change here gets an Alembic revision."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    Double,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
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
    is_office: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set when Telegram refuses to deliver (the person blocked the bot); cleared when they write.
    unreachable_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unreachable_reason: Mapped[str | None] = mapped_column(String(256))


class Unit(Base):
    """A reporting unit: a provincial department, a district or commune committee, an agency.

    `unit_group` holds a bot.domain.units.UnitGroup value, checked there rather than by a CHECK
    list, so a new kind of unit needs no migration. `active_from`/`active_until` are the days it
    exists (a reorganisation ends it); its code is never reused.
    """

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(256))
    unit_group: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Reorganisation(Base):
    """One applied reorganisation event: from `effective_on` its predecessors are closed and
    its successors carry their duties (reorganisation_units); `key` makes applying it twice a
    no-op (bot.domain.reorganisations.Reorganisation.key)."""

    __tablename__ = "reorganisations"
    __table_args__ = (
        CheckConstraint("kind IN ('merge', 'absorb', 'split', 'rename', 'dissolve')",
                        name="kind"),
        CheckConstraint("pending_rule IN ('carry', 'close')", name="pending_rule"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(512), unique=True)
    effective_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    legal_document: Mapped[str] = mapped_column(String(128))
    legal_issued_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    pending_rule: Mapped[str] = mapped_column(String(8))
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime())
    applied_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))


class ReorganisationUnit(Base):
    """A unit's part in a reorganisation: a predecessor (closed by it; a unit closes once) or a
    successor (`created` when the event made it)."""

    __tablename__ = "reorganisation_units"
    __table_args__ = (
        CheckConstraint("role IN ('predecessor', 'successor')", name="role"),
        UniqueConstraint("reorganisation_id", "unit_id", "role"),
        Index("ux_reorganisation_units_closes_once", "unit_id", unique=True,
              sqlite_where=text("role = 'predecessor'"),
              postgresql_where=text("role = 'predecessor'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reorganisation_id: Mapped[int] = mapped_column(ForeignKey("reorganisations.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(12))
    position: Mapped[int] = mapped_column(default=0)  # the order the event named them in
    created: Mapped[bool] = mapped_column(default=False)


class ReportHandover(Base):
    """A closed unit's report due before its reorganisation and unanswered when it was applied:
    `carried` to the event's successors, or closed as "unit reorganised" (owed by nobody)."""

    __tablename__ = "report_handovers"
    __table_args__ = (UniqueConstraint("deadline_id", "due_date", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reorganisation_id: Mapped[int] = mapped_column(ForeignKey("reorganisations.id"), index=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"))
    due_date: Mapped[date] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    carried: Mapped[bool] = mapped_column()


class Notice(Base):
    """A message a use case leaves for the running bot to send (the leader, after its
    reminders): `kind` and `payload` say what, rendered in the bot's language when sent, so a
    change made from the command line still reaches the people it concerns."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_pending", "sent_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(512))


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
    legal_clause: Mapped[str] = mapped_column(Text, default="")
    recipient_code: Mapped[str] = mapped_column(String(32))
    recipient_name: Mapped[str] = mapped_column(String(256))
    units_selector: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)
    # The rules it had before `rule`, each ended the day before it was replaced (history).
    earlier_rules: Mapped[list[str]] = mapped_column(JSON, default=list,
                                                     server_default=text("'[]'"))
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
    # Set when an admin removes the day: the row stays, so that a day shipped in the province
    # file is not loaded again at the next start.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Membership(Base):
    """A person serving a unit as its officer; `is_head` marks the unit's leader (lãnh đạo)."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("person_id", "unit_id"),
        Index("ix_memberships_unit_id", "unit_id"),  # the heads named in digests
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    is_head: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Invite(Base):
    """A registration link for a unit (officer or head) or for the provincial office.

    Only the SHA-256 of the token is stored: a leaked database does not leak usable links.
    """

    __tablename__ = "invites"
    __table_args__ = (
        CheckConstraint("role IN ('officer', 'head', 'office')", name="role"),
        CheckConstraint("(role = 'office') = (unit_id IS NULL)", name="unit_matches_role"),
        CheckConstraint("uses <= max_uses", name="uses_within_limit"),
        CheckConstraint("NOT (for_group AND role = 'head')", name="group_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(16))
    # Redeemed in a group chat (t.me/<bot>?startgroup=<token>): registers the group, not a person.
    for_group: Mapped[bool] = mapped_column(default=False)
    created_by: Mapped[int] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    max_uses: Mapped[int] = mapped_column(default=1)
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AccessRequest(Base):
    """Someone who pressed /start without an invite and waits for an admin to place them."""

    __tablename__ = "access_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))


class AuditEntry(Base):
    """One change of configuration or membership: who, when, what, before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(256))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)


class GroupChat(Base):
    """A Telegram group registered for a unit or for the provincial office.

    Reminders of the unit (or the office's digests) also go to the group.
    """

    __tablename__ = "group_chats"
    __table_args__ = (CheckConstraint("is_office = (unit_id IS NULL)", name="unit_or_office"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    title: Mapped[str] = mapped_column(String(256), default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    is_office: Mapped[bool] = mapped_column(default=False)
    registered_by: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"))
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    unreachable_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unreachable_reason: Mapped[str | None] = mapped_column(String(256))


class StatusUpdate(Base):
    """One answer of a unit about one report occurrence (deadline and nominal due date).

    Never updated in place: the unit's current status is its latest row; a correction is a new
    row pointing at the one it corrects.
    """

    __tablename__ = "status_updates"
    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'in_progress', 'blocked', 'extension')", name="status"),
        Index("ix_status_updates_report", "deadline_id", "due_date", "unit_id", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"))
    due_date: Mapped[date] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    proposal: Mapped[str] = mapped_column(Text, default="")
    wanted_date: Mapped[date | None] = mapped_column(Date)
    document_ref: Mapped[str] = mapped_column(String(256), default="")
    on_time: Mapped[bool | None] = mapped_column()
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("status_updates.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Revision(Base):
    """A counter raised in every transaction that changes what it names (db.revisions), so a
    process may keep what it derived from those tables until the counter moves."""

    __tablename__ = "revisions"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class CurrentStatus(Base):
    """Each unit's current answer per report occurrence: its newest status_updates row.

    Derived, never edited by hand: db.status_updates.add writes it in the transaction that adds
    the answer, keeping the higher id when two answers race. Status and on_time are copied here
    so the digests count answers from this table alone instead of searching the history.
    """

    __tablename__ = "current_statuses"
    __table_args__ = (
        # Counts and the first units named per status read this index alone, in unit order.
        Index("ix_current_statuses_standing", "deadline_id", "due_date", "status", "on_time",
              "unit_id"),
    )

    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"), primary_key=True)
    due_date: Mapped[date] = mapped_column(Date, primary_key=True)  # nominal
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    status_update_id: Mapped[int] = mapped_column(ForeignKey("status_updates.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    on_time: Mapped[bool | None] = mapped_column()


class OutboxMessage(Base):
    """One planned reminder to one chat: the durable record that makes every send happen once.

    The unique key (occurrence, unit, chat, slot) stops a second planner pass or a second process
    from planning it twice; `state` moves pending → sending (claimed) → sent | failed | skipped,
    or pending → cancelled when the deadline, its units or the calendar change.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("deadline_id", "due_date", "unit_id", "chat_id", "slot",
                         name="uq_outbox_delivery"),
        CheckConstraint(
            "state IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled')",
            name="state"),
        Index("ix_outbox_state_send_after", "state", "send_after"),
        # A reply to a reminder names its message: find the report without a scan.
        Index("ix_outbox_chat_message", "chat_id", "telegram_message_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"))
    due_date: Mapped[date] = mapped_column(Date)  # nominal: with the deadline, the occurrence
    effective_due_date: Mapped[date] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    group_chat_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_chats.id", ondelete="SET NULL"))
    slot: Mapped[str] = mapped_column(String(32))  # reminder kind and offset, e.g. 'before:7'
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    send_after: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChatFlow(Base):
    """A half-finished multi-step chat flow (guided /unit_add, /deadline_add…) of one person.

    Kept in the database, not in process memory, so a restart or another worker can continue it.
    """

    __tablename__ = "chat_flows"
    __table_args__ = (UniqueConstraint("chat_id", "telegram_user_id", name="uq_chat_flows_owner"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, object]] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DigestSend(Base):
    """One scheduled digest to one chat of the provincial office, recorded before it is sent.

    `subject` is the occurrence's key ('quy:2020-03-10') or 'weekly'; `day` the local day it is
    scheduled for. The unique key makes each digest go out once per chat and day, whichever
    process or restart gets there first; `state` moves sending (claimed) → sent | failed.
    The office's weekly note on units nobody registered for is recorded here too, as subject
    'registration' with `day` the Monday of its week: once per chat and week.
    """

    __tablename__ = "digest_sends"
    __table_args__ = (
        UniqueConstraint("subject", "day", "chat_id", name="uq_digest_sends_delivery"),
        CheckConstraint("state IN ('sending', 'sent', 'failed')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(16), default="sending")
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    parts: Mapped[int] = mapped_column(default=0)  # messages the digest took
    last_error: Mapped[str | None] = mapped_column(String(512))


class StatusFile(Base):
    """A file a unit attached to one of its status updates; Telegram keeps the bytes.

    `archived_path` is set once the bot has downloaded a copy (BOT_ARCHIVE_DIR), and
    `archive_error` says why when it could not (the office was told; /metrics counts them).
    """

    __tablename__ = "status_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    status_update_id: Mapped[int] = mapped_column(ForeignKey("status_updates.id"), index=True)
    telegram_file_id: Mapped[str] = mapped_column(String(256))
    telegram_file_unique_id: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(256))
    mime_type: Mapped[str] = mapped_column(String(128), default="")
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)  # None when Telegram omits it
    archived_path: Mapped[str | None] = mapped_column(String(1024))
    archive_error: Mapped[str | None] = mapped_column(String(512))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Extension(Base):
    """The provincial office's approval of a unit's extension request: a later due date for
    that unit and occurrence. Not a status update (those are the unit's own answers).

    The unique key makes a double tap or two office members at once grant a date only once.
    """

    __tablename__ = "extensions"
    __table_args__ = (
        UniqueConstraint("deadline_id", "due_date", "unit_id", "granted_until",
                         name="uq_extensions_grant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"))
    due_date: Mapped[date] = mapped_column(Date)  # nominal: with the deadline, the occurrence
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    granted_until: Mapped[date] = mapped_column(Date)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OfficeFollowUp(Base):
    """One individual 'đôn đốc' of the provincial office to a unit about one report.

    At most one per unit, occurrence and local day (the unique key), whoever taps first.
    """

    __tablename__ = "office_follow_ups"
    __table_args__ = (
        UniqueConstraint("deadline_id", "due_date", "unit_id", "day",
                         name="uq_office_follow_ups_daily"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadlines.id"))
    due_date: Mapped[date] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    day: Mapped[date] = mapped_column(Date)  # local day it was sent
    sent_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReceivedUpdate(Base):
    """A Telegram update taken from the webhook, so a delivery Telegram repeats is handled once
    and one a dead process had acknowledged is still handled.

    Kept a week: Telegram may restart its update ids after a week without updates.
    """

    __tablename__ = "received_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # The update as posted, kept until it has been handled: one acknowledged by a process that
    # died before handling it is taken up again (bot.web.inbox). NULL once handled.
    payload: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # How often it was taken up again: one that kills every process handling it is given up.
    replays: Mapped[int] = mapped_column(default=0, server_default=text("0"))


class WebLogin(Base):
    """A single-use link to sign in to the dashboard, sent by /web; only its SHA-256 is kept."""

    __tablename__ = "web_logins"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WebSession(Base):
    """A signed-in browser: its cookie's SHA-256, whose it is and until when it is valid."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class SendWindow(Base):
    """The bot's latest message starts, on the database's clock, shared by every process that
    sends for the bot, so that together they keep Telegram's limit (db.send_window)."""

    __tablename__ = "send_windows"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Seconds since the epoch on the database's clock: when each recent message counts from,
    # oldest first, and the starts of those still waiting for their answer.
    counted: Mapped[list[float]] = mapped_column(JSON, default=list)
    unanswered: Mapped[list[float]] = mapped_column(JSON, default=list)
    # After a 429: nobody sends before `paused_until`; the window opens again from `ramp_from`.
    paused_until: Mapped[float | None] = mapped_column(Double)
    ramp_from: Mapped[float | None] = mapped_column(Double)
