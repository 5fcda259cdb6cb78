"""Makes the app's limited child processes misbehave on purpose, to prove that the parent survives them.

Put this folder on PYTHONPATH and set IKD_TEST_CHILD to `crash` (SIGSEGV), `hang` (spins until its CPU limit),
`sleep` (waits without using the CPU, until it is killed) or `memory` (allocates up to 2 GB, past its memory
limit; without a limit it then carries on normally); `crash-xcpu` is killed by SIGXCPU at once, as a child that ran
out of processor time is. Only a child that limits itself (`isolation.limit_self`) is affected,
right after its limits are in place, as a crashing C library or a hostile file would behave there.
"""

import os
import resource

_MODE = os.environ.get("IKD_TEST_CHILD", "")
_real_setrlimit = resource.setrlimit


def _misbehave() -> None:
    if _MODE == "crash":
        import ctypes

        ctypes.string_at(0)  # reads address 0: SIGSEGV
    elif _MODE == "crash-xcpu":
        import signal

        os.kill(os.getpid(), signal.SIGXCPU)
    elif _MODE == "hang":
        while True:
            pass
    elif _MODE == "sleep":
        import time

        time.sleep(3600)
    elif _MODE == "memory":
        hoard = [bytearray(64 * 2**20) for _ in range(32)]
        del hoard


def _setrlimit(which: int, limits: tuple[int, int]) -> None:
    _real_setrlimit(which, limits)
    if which == resource.RLIMIT_CORE and _MODE:  # the last limit `limit_self` sets
        _misbehave()


resource.setrlimit = _setrlimit
