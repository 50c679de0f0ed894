#ifndef PROCESS_CONTROL_H
#define PROCESS_CONTROL_H

// System calls Swift's Glibc module does not export (pipe2 needs _GNU_SOURCE; prctl is variadic).

/// A pipe whose two ends are close-on-exec from the moment they exist (pipe2 with O_CLOEXEC), so
/// a program another thread spawns at the same moment cannot inherit them. 0, or -1 and errno.
int process_pipe_cloexec(int ends[2]);

/// Asks the kernel to send this process `signal` when the thread that started it ends
/// (PR_SET_PDEATHSIG). 0, or -1 and errno.
int process_die_with_parent(int signal);

#endif
