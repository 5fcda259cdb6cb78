"""The server-wide watcher of the data file, driven by hand with a clock of its own: a save is read once, whole,
after it has settled; every open session is asked to rerun once per change; a new day reloads the data."""

from __future__ import annotations

import datetime as dt
import os

from ikd_core.domain.store import DataStore
from ui.live import POLL_SECONDS, QUIET_SECONDS, Live

from conftest import TODAY


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def watcher(path, day=lambda: TODAY):
    clock, reruns = Clock(), []
    live = Live(DataStore(), today=day, rerun=lambda: reruns.append(clock.now), monotonic=clock, thread=False)
    first = live.state(str(path))
    assert first.ok
    return live, clock, reruns


def tick(live: Live, clock: Clock, seconds: float) -> None:
    """Polls as the watcher thread would over `seconds`."""
    end = clock.now + seconds
    while clock.now < end:
        clock.now += POLL_SECONDS
        live.poll()


def name_of_blitar(live: Live, path) -> str:
    state = live.store.current(str(path))
    return state.snapshot.regions["blitar"].name


def test_a_save_in_two_halves_300_ms_apart_is_read_once_whole(data_copy):
    live, clock, reruns = watcher(data_copy)
    text = data_copy.read_text(encoding="utf-8").replace("    name: Blitar\n", "    name: Blitar Baru\n")
    half = len(text) // 2
    data_copy.write_text(text[:half], encoding="utf-8")
    tick(live, clock, 0.3)
    with data_copy.open("a", encoding="utf-8") as handle:
        handle.write(text[half:])
    tick(live, clock, QUIET_SECONDS + 2 * POLL_SECONDS)
    state = live.store.current(str(data_copy))
    assert state.ok, state.errors[:1]  # the half-written file was never read
    assert name_of_blitar(live, data_copy) == "Blitar Baru"
    assert len(reruns) == 1


def test_nothing_is_read_and_nobody_reruns_while_the_file_is_unchanged(data_copy):
    live, clock, reruns = watcher(data_copy)
    before = live.store.current(str(data_copy))
    tick(live, clock, 10)
    assert live.store.current(str(data_copy)) is before and reruns == []


def test_a_save_by_rename_is_read_and_every_session_reruns_once(data_copy):
    live, clock, reruns = watcher(data_copy)
    other = data_copy.with_name("new.yaml")
    other.write_text(data_copy.read_text(encoding="utf-8").replace("    name: Blitar\n", "    name: Blitar X\n"),
                     encoding="utf-8")
    os.replace(other, data_copy)
    tick(live, clock, 2)
    assert name_of_blitar(live, data_copy) == "Blitar X" and len(reruns) == 1


def test_a_new_day_reloads_the_data_so_ages_and_stale_warnings_move_on(data_copy):
    day = [TODAY]
    live, clock, reruns = watcher(data_copy, day=lambda: day[0])
    before = live.store.current(str(data_copy)).snapshot
    day[0] = TODAY + dt.timedelta(days=1)
    tick(live, clock, 2)
    after = live.store.current(str(data_copy)).snapshot
    assert after is not before and after.today == day[0] and len(reruns) == 1
    assert [m.age_days for m in after.metrics] == [m.age_days + 1 for m in before.metrics]
