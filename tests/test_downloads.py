"""A file built when its download button is clicked survives other viewers' reruns (ui/downloads.py).

Streamlit 1.67 stores such a file under no session, and every script run of any session ends with a clean-up that
marks unreferenced downloadable files and deletes them on the next pass: under load the browser's request came
after two other runs and got a 404. These tests drive Streamlit's real MediaFileManager and in-memory storage.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from ui import downloads


@pytest.fixture
def manager() -> MediaFileManager:
    downloads.keep_files_built_on_click()
    return MediaFileManager(MemoryMediaFileStorage("/media"))


def built_on_click(manager: MediaFileManager) -> str:
    placeholder = manager.add_deferred(lambda: b"id;nama\n1;Padang\n", "text/csv", "0.(1).2", "ikd.csv")
    return downloads.file_id_of(manager.execute_deferred(placeholder))


def test_a_file_built_on_click_is_still_there_after_other_viewers_reruns(manager) -> None:
    file_id = built_on_click(manager)
    for _ in range(5):  # five other sessions finish a run before the browser asks for the file
        manager.remove_orphaned_files()
    assert manager._storage.get_file(file_id).content == b"id;nama\n1;Padang\n"


def test_after_the_grace_period_streamlits_own_clean_up_applies_again(manager, monkeypatch) -> None:
    file_id = built_on_click(manager)
    monkeypatch.setattr(downloads, "GRACE_SECONDS", -1.0)  # the grace period is over
    manager.remove_orphaned_files()  # marked
    manager.remove_orphaned_files()  # deleted
    with pytest.raises(Exception, match="Bad filename"):
        manager._storage.get_file(file_id)


def test_installing_twice_patches_once() -> None:
    downloads.keep_files_built_on_click()
    first = MediaFileManager.execute_deferred
    downloads.keep_files_built_on_click()
    assert MediaFileManager.execute_deferred is first


def test_a_file_asked_for_by_many_viewers_at_once_is_built_once(monkeypatch) -> None:
    """Work done, not time: ten national Excel downloads at once were ten 6-second builds on the server's one core."""
    import io
    import threading
    import time

    from openpyxl import load_workbook

    from ikd_core.domain.loading import load_path
    from ikd_core.domain.snapshot import build
    from ikd_core.render import exports

    from conftest import DATA, TODAY

    snapshot = build(load_path(DATA, today=TODAY), TODAY)
    chosen = exports.selected_metrics(snapshot, [], [], "")
    real, builds = exports.to_xlsx, []

    def slow_to_xlsx(sheets):  # slow enough that the others ask while it is being built
        builds.append(1)
        time.sleep(0.3)
        return real(sheets)

    monkeypatch.setattr(exports, "to_xlsx", slow_to_xlsx)
    files: list[bytes] = []
    viewers = [threading.Thread(target=lambda: files.append(exports.observations_file(snapshot, "id", chosen, "xlsx")))
               for _ in range(4)]
    for viewer in viewers:
        viewer.start()
    for viewer in viewers:
        viewer.join()
    assert len(builds) == 1 and len(files) == 4 and len(set(files)) == 1
    book = load_workbook(io.BytesIO(files[0]))
    assert book.sheetnames == ["Observasi", "Peringatan", "Sumber"]
    assert book["Observasi"].max_row == 1 + 8  # the header and the fixture's eight observations


def test_a_large_excel_file_is_written_in_a_child_process_and_reads_back() -> None:
    """A national Excel file held the server's interpreter for about 8 s; from ASIDE_ROWS rows on it is written by a
    child process (its own core), and comes back the same as written here."""
    import io

    from openpyxl import load_workbook

    from ikd_core.render import exports

    rows = [{"Wilayah": f"Kabupaten {k}", "Persen": k / 100} for k in range(exports.ASIDE_ROWS)]
    data = exports.xlsx_aside({"Observasi": rows})
    sheet = load_workbook(io.BytesIO(data), read_only=True)["Observasi"]
    values = list(sheet.values)
    assert values[0] == ("Wilayah", "Persen") and len(values) == 1 + exports.ASIDE_ROWS
    assert values[4_000] == ("Kabupaten 3999", 39.99)


def test_a_large_csv_file_is_written_in_a_child_process_byte_for_byte_as_here(monkeypatch) -> None:
    """A national CSV held the server's interpreter for 0,4 s at the first download of a file version, with every
    viewer's rerun waiting (the load test's timeline); from ASIDE_ROWS rows on a child process writes it."""
    import subprocess

    from ikd_core.render import exports

    children = []
    real_run = subprocess.run

    def run(args, **kwargs):
        children.append(args)
        return real_run(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    rows = [{"Wilayah": f"Kabupaten {k}", "Kutipan": "=HYPERLINK(1)" if k == 7 else "sekitar 19 persen"}
            for k in range(exports.ASIDE_ROWS)]
    data = exports.csv_aside(rows)
    assert len(children) == 1 and children[0][1:] == ["-m", "ikd_core.render.exports"]
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Wilayah,Kutipan" and len(lines) == 1 + exports.ASIDE_ROWS
    assert lines[8] == "Kabupaten 7,'=HYPERLINK(1)"  # text from a data file never becomes a formula
    assert exports.csv_aside(rows[:10]) == data[:len(exports.csv_aside(rows[:10]))]  # small: written here, the same
    assert len(children) == 1
