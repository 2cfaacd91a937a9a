"""Leader election: the lease rules (pure) and the election against a fake lock."""

from __future__ import annotations

from db.advisory_lock import LockConnectionLost, advisory_key
from scheduler.leader import AlwaysLeader, LeaderElection, Lease


class FakeLock:
    """Answers try_acquire as told; `fail` makes the next call raise LockConnectionLost."""

    def __init__(self) -> None:
        self.free = True
        self.fail = False
        self.closed = False

    def try_acquire(self) -> bool:
        if self.fail:
            raise LockConnectionLost("server closed the connection unexpectedly")
        return self.free

    def count_sessions(self) -> int:
        return 1

    def close(self) -> None:
        self.closed = True


class Ticks:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_lease_counts_from_the_start_of_the_check_that_confirmed_it() -> None:
    lease = Lease(duration=6.0)
    assert lease.confirm(10.0) is True
    assert lease.is_valid(15.9) and not lease.is_valid(16.0)
    assert lease.confirm(14.0) is False  # same term, extended
    assert lease.is_valid(19.9) and lease.term == 1
    assert lease.lose() is True and lease.lose() is False
    assert lease.confirm(30.0) is True and lease.term == 2
    assert lease.confirm(41.9) is False and lease.term == 2  # ran out, but the lock was held


async def test_the_holder_leads_and_a_lost_connection_ends_leadership_at_once() -> None:
    lock, ticks = FakeLock(), Ticks()
    election = LeaderElection(lock, period=2.0, monotonic=ticks)
    assert await election.check() is True
    assert (election.is_leader, election.term, election.handover_delay) == (True, 1, 6.0)
    lock.fail = True
    assert await election.check() is False
    assert not election.is_leader
    lock.fail = False
    lock.free = False  # a follower took the lock meanwhile
    assert await election.check() is False
    lock.free = True
    assert await election.check() is True
    assert election.term == 2


async def test_a_leader_whose_checks_stop_succeeding_stops_leading_when_its_lease_ends() -> None:
    lock, ticks = FakeLock(), Ticks()
    election = LeaderElection(lock, period=2.0, monotonic=ticks)
    await election.check()
    ticks.now += 5.9  # the checks hang: no answer, no error
    assert election.is_leader
    ticks.now += 0.1
    assert not election.is_leader
    await election.check()  # the lock was held all along: the same term goes on
    assert election.is_leader and election.term == 1


async def test_stopping_gives_the_lock_back() -> None:
    lock = FakeLock()
    async with LeaderElection(lock, period=60.0) as election:
        assert election.is_leader
    assert lock.closed and not election.is_leader


def test_without_an_election_the_process_always_leads() -> None:
    leader = AlwaysLeader()
    assert leader.is_leader and leader.watch_interval is None and leader.handover_delay == 0


def test_the_lock_key_is_a_stable_positive_bigint() -> None:
    key = advisory_key("deadline-bot:scheduler")
    assert key == advisory_key("deadline-bot:scheduler") != advisory_key("other")
    assert 0 < key < 2**63
