"""The seccomp filter every bwrap command runs under: system calls that tests never need are
refused with EPERM (docs/design.md section 6).

The filter is built once per process with libseccomp (through `pyseccomp`, a ctypes binding
that mirrors libseccomp's own Python API) and handed to bwrap as a BPF program (`--seccomp FD`).
libseccomp checks the architecture and the x32 syscall bit for us: a call made through another
ABI (`int 0x80`, x32) kills the process instead of slipping past rules written for this one.
"""

from __future__ import annotations

import errno
import functools
import os

# refused outright: none of them is needed to run a project's tests, and each is a known way to
# reach past the sandbox or to leave something behind for a later sample
REFUSED: dict[str, tuple[str, ...]] = {
    # the kernel keyring outlives the process: a key stored under a uid is readable by the
    # next process with that uid (a later sample)
    "keyring": ("add_key", "request_key", "keyctl"),
    # no new namespaces (a nested user namespace gives uid 0 with mount rights) and no joining
    "namespaces": ("unshare", "setns"),
    "mounts": ("mount", "umount2", "pivot_root", "move_mount", "open_tree", "fsopen",
               "fsconfig", "fsmount", "fspick", "mount_setattr", "chroot"),
    "tracing": ("ptrace", "process_vm_readv", "process_vm_writev", "perf_event_open",
                "kcmp", "pidfd_getfd"),
    "kernel": ("bpf", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register",
               "init_module", "finit_module", "delete_module", "kexec_load",
               "kexec_file_load", "reboot", "swapon", "swapoff", "syslog", "acct", "quotactl",
               "open_by_handle_at", "lookup_dcookie", "iopl", "ioperm", "settimeofday",
               "clock_settime", "clock_adjtime", "adjtimex"),
}
# clone and clone3 stay (every fork and thread needs them), but not with a namespace flag
NAMESPACE_FLAGS = {
    "CLONE_NEWNS": 0x00020000, "CLONE_NEWCGROUP": 0x02000000, "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000, "CLONE_NEWUSER": 0x10000000, "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000, "CLONE_NEWTIME": 0x00000080,
}


class SeccompUnavailable(RuntimeError):
    """libseccomp cannot be loaded here."""


@functools.cache
def filter_program() -> tuple[bytes, tuple[str, ...]]:
    """The BPF program, and the names of the calls it refuses on this architecture."""
    try:
        import pyseccomp as sc
    except (ImportError, OSError, RuntimeError) as ex:
        raise SeccompUnavailable(
            f"libseccomp cannot be loaded ({ex}): apt-get install libseccomp2") from None
    f = sc.SyscallFilter(defaction=sc.ALLOW)
    refused: list[str] = []
    for names in REFUSED.values():
        for name in names:
            try:
                f.add_rule(sc.ERRNO(errno.EPERM), name)
            except (OSError, ValueError, RuntimeError):
                continue  # not a call on this architecture: nothing to refuse
            refused.append(name)
    for flag in NAMESPACE_FLAGS.values():
        # clone's flags are its first argument on x86-64 and arm64
        f.add_rule(sc.ERRNO(errno.EPERM), "clone", sc.Arg(0, sc.MASKED_EQ, flag, flag))
    refused.append("clone with a namespace flag")
    # clone3 passes its flags in memory, where a filter cannot look: ENOSYS makes the C library
    # fall back to clone, whose flags are checked above (as Docker and Flatpak do)
    try:
        f.add_rule(sc.ERRNO(errno.ENOSYS), "clone3")
        refused.append("clone3 (ENOSYS: falls back to clone)")
    except (OSError, ValueError, RuntimeError):
        pass
    try:
        with os.fdopen(os.memfd_create("tierfit-bpf", os.MFD_CLOEXEC), "w+b") as out:
            f.export_bpf(out)
            out.seek(0)
            program = out.read()
    except OSError as ex:
        raise SeccompUnavailable(f"libseccomp could not build the filter: {ex}") from None
    return program, tuple(refused)


def program_fd() -> int:
    """A fresh file descriptor holding the program from its start, for one bwrap to read.
    The caller passes it to the child and closes it."""
    program, _ = filter_program()
    fd = os.memfd_create("tierfit-seccomp", os.MFD_CLOEXEC)
    try:
        os.write(fd, program)
        os.lseek(fd, 0, os.SEEK_SET)
    except BaseException:
        os.close(fd)
        raise
    return fd
