#define _GNU_SOURCE
#include "process_control.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

int process_pipe_cloexec(int ends[2]) {
    return pipe2(ends, O_CLOEXEC);
}

int process_die_with_parent(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}
