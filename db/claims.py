"""The one way rows are claimed by one worker among several: `UPDATE … WHERE id IN (…)`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select


def claimable(ids: Select[Any], name: str) -> Select[Any]:
    """`ids` (filtered, ordered and limited) as the rows an UPDATE may claim.

    They are locked with SKIP LOCKED, so rows another worker is claiming are passed over, and
    chosen once, as a MATERIALIZED CTE: as a plain IN-subquery the planner may run the locking
    query more than once, and with SKIP LOCKED each run can find other rows, so more than the
    limit would be claimed (PostgreSQL did: 10 rows for a limit of 3).
    """
    chosen = ids.with_for_update(skip_locked=True).cte(name).prefix_with("MATERIALIZED")
    return select(*chosen.c)
