"""One copy of Involve per data folder, using the operating system's own file lock."""

import os
import signal
import socket
import subprocess
import sys
import textwrap

import pytest

from involve_desktop.errors import AlreadyRunningError
from involve_desktop.instance_lock import InstanceLock

HOLD_LOCK = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from involve_desktop.instance_lock import InstanceLock

    InstanceLock(Path(sys.argv[1])).acquire()
    print("locked", flush=True)
    time.sleep(120)
    """
)


def test_a_second_lock_on_the_same_path_is_refused_naming_the_computer(tmp_path):
    lock_path = tmp_path / "involve.lock"
    with InstanceLock(lock_path) as first:
        assert first.held
        second = InstanceLock(lock_path)
        with pytest.raises(AlreadyRunningError) as raised:
            second.acquire()
        assert not second.held
    message = raised.value.message
    assert "already open" in message
    assert socket.gethostname() in message
    assert "Only one copy" in message


def test_after_release_another_can_acquire(tmp_path):
    lock_path = tmp_path / "involve.lock"
    first = InstanceLock(lock_path)
    first.acquire()
    first.release()
    assert not first.held
    assert not lock_path.with_name("involve.lock.owner").exists()

    with InstanceLock(lock_path) as second:
        assert second.held


def test_release_twice_is_harmless(tmp_path):
    lock = InstanceLock(tmp_path / "involve.lock")
    lock.acquire()
    lock.release()
    lock.release()
    assert not lock.held


def test_the_message_still_reads_well_when_the_owner_file_is_unreadable(tmp_path):
    lock_path = tmp_path / "involve.lock"
    with InstanceLock(lock_path):
        lock_path.with_name("involve.lock.owner").write_text("{not json", encoding="utf-8")
        with pytest.raises(AlreadyRunningError) as raised:
            InstanceLock(lock_path).acquire()
    assert raised.value.message.startswith("Involve is already open with this data. ")


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX-only")
def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path):
    # GIVEN another process holding the lock
    lock_path = tmp_path / "involve.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"

        # WHEN it is alive THEN the lock is refused
        with pytest.raises(AlreadyRunningError):
            InstanceLock(lock_path).acquire()

        # WHEN it dies without releasing (as in a crash or a power cut)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        assert holder.returncode == -signal.SIGKILL
        assert lock_path.with_name("involve.lock.owner").exists()

        # THEN the next start takes the lock over
        with InstanceLock(lock_path) as taken:
            assert taken.held
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
