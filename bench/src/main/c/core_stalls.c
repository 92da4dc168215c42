/*
 * core_stalls: tells when a core ran nothing at all, not even a real-time thread.
 *
 * Run it pinned to the system-under-test core (taskset). It makes itself SCHED_FIFO (priority 1,
 * above every ordinary thread: the proxies, their JIT compilers, the machine's services) and wakes
 * every millisecond on an absolute timer. A wake-up late by more than the threshold means the core
 * was not available to anyone for that long: the hypervisor did not run the virtual CPU, or the
 * kernel held it. A proxy that merges events behind such a stall did not choose to.
 *
 * With --normal it stays an ordinary thread at the nice value it was started with: then a late
 * wake-up means the core was busy with other threads of that priority or higher (the proxy's own
 * among them), which is what the proxy's threads would meet too.
 *
 * Prints one line per stall, "stall <end, µs since the epoch (CLOCK_REALTIME, as tcpdump's
 * timestamps)> <length, µs>", and at SIGTERM / SIGINT "wakeups <n>" and "longest_us <µs>".
 * Exits 3 when it may not use SCHED_FIFO (no CAP_SYS_NICE): it would then measure nothing useful.
 *
 *   core_stalls [--normal] [threshold_us]      (default 2000)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PERIOD_NS 1000000L

static volatile sig_atomic_t stop;

static void on_signal(int sig) {
    (void) sig;
    stop = 1;
}

static long long ns_of(const struct timespec *t) {
    return (long long) t->tv_sec * 1000000000LL + t->tv_nsec;
}

static struct timespec timespec_of(long long ns) {
    struct timespec t = {.tv_sec = ns / 1000000000LL, .tv_nsec = ns % 1000000000LL};
    return t;
}

int main(int argc, char **argv) {
    int real_time = 1;
    if (argc > 1 && strcmp(argv[1], "--normal") == 0) {
        real_time = 0;
        argc--;
        argv++;
    }
    long long threshold_ns = (argc > 1 ? atoll(argv[1]) : 2000) * 1000LL;
    struct sched_param param = {.sched_priority = 1};
    if (real_time && sched_setscheduler(0, SCHED_FIFO, &param) != 0) {
        fprintf(stderr, "core_stalls: SCHED_FIFO refused: %s\n", strerror(errno));
        return 3;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: the sleep returns EINTR and the loop ends */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    setvbuf(stdout, NULL, _IOLBF, 0);

    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long due = ns_of(&now) + PERIOD_NS;
    long long wakeups = 0, longest = 0;
    while (!stop) {
        struct timespec at = timespec_of(due);
        if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL) != 0) {
            continue; /* interrupted: stop is set */
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        long long late = ns_of(&now) - due;
        wakeups++;
        if (late > longest) {
            longest = late;
        }
        if (late >= threshold_ns) {
            struct timespec wall;
            clock_gettime(CLOCK_REALTIME, &wall);
            printf("stall %lld %lld\n", ns_of(&wall) / 1000, late / 1000);
            due = ns_of(&now); /* no burst of catch-up wake-ups after a stall */
        }
        due += PERIOD_NS;
    }
    printf("wakeups %lld\nlongest_us %lld\n", wakeups, longest / 1000);
    return 0;
}
