#define _GNU_SOURCE
#include "CEaselTerminalSupport.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* Everything a signal handler reads lives in plain statics written before the handlers are
 * installed, or in lock-free atomics, so a handler never sees half-written state. */

static struct termios saved_termios;
static atomic_int saved_termios_fd = -1;

enum { restore_capacity = 1024 };
static char restore_bytes[restore_capacity];
static atomic_size_t restore_length = 0;

/* The self-pipe lives for the whole process: closing it at uninstall would race with a wake()
 * from another thread writing to a descriptor number that was already reused. */
static atomic_int wake_read_fd = -1;
static atomic_int wake_write_fd = -1;

static atomic_int installed = 0;
static atomic_int exit_hook_registered = 0;
/* Set by signal handlers on whichever thread takes the signal, taken by the loop's thread:
 * atomics (lock-free, so safe in a handler), and taken with one exchange, so a signal that
 * lands between reading the flag and clearing it is not lost (ThreadSanitizer found both). */
static atomic_int resize_pending = 0;
static atomic_int resume_pending = 0;

static const int fatal_signals[] = {
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP,
};
enum { fatal_count = sizeof(fatal_signals) / sizeof(fatal_signals[0]) };
static struct sigaction previous_fatal[fatal_count];
static struct sigaction previous_winch;
static struct sigaction previous_tstp;

int easel_term_save_termios(int fd) {
    if (tcgetattr(fd, &saved_termios) != 0) return -1;
    atomic_store(&saved_termios_fd, fd);
    return 0;
}

int easel_term_restore_termios(void) {
    int fd = atomic_load(&saved_termios_fd);
    if (fd < 0) return 0;
    /* TCSADRAIN so the restore bytes queued just before reach the terminal under the old modes. */
    return tcsetattr(fd, TCSADRAIN, &saved_termios);
}

void easel_term_set_restore_sequence(const char *bytes, size_t length) {
    if (length > restore_capacity) length = restore_capacity;
    atomic_store(&restore_length, 0);
    memcpy(restore_bytes, bytes, length);
    atomic_store(&restore_length, length);
}

ssize_t easel_term_write_all(int fd, const void *bytes, size_t length) {
    const char *cursor = bytes;
    size_t left = length;
    while (left > 0) {
        ssize_t written = write(fd, cursor, left);
        if (written > 0) {
            cursor += written;
            left -= (size_t)written;
        } else if (written < 0 && (errno == EINTR || errno == EAGAIN)) {
            continue;
        } else {
            return -1;
        }
    }
    return (ssize_t)length;
}

/* Async-signal-safe: write(2), tcsetattr(3) and atomics only. */
static void restore_terminal_now(void) {
    int fd = atomic_load(&saved_termios_fd);
    if (fd < 0) return;
    size_t length = atomic_load(&restore_length);
    if (length > 0) (void)easel_term_write_all(fd, restore_bytes, length);
    (void)tcsetattr(fd, TCSADRAIN, &saved_termios);
}

void easel_term_emergency_restore(void) {
    if (atomic_load(&installed)) restore_terminal_now();
}

void easel_term_wake(void) {
    int fd = atomic_load(&wake_write_fd);
    if (fd < 0) return;
    int saved_errno = errno;
    char byte = 1;
    /* A full pipe already guarantees a wake-up, so EAGAIN is fine to ignore. */
    (void)write(fd, &byte, 1);
    errno = saved_errno;
}

void easel_term_drain_wake(void) {
    int fd = atomic_load(&wake_read_fd);
    if (fd < 0) return;
    char buffer[64];
    while (read(fd, buffer, sizeof buffer) > 0) {
    }
}

int easel_term_take_resize(void) {
    return atomic_exchange(&resize_pending, 0);
}

int easel_term_take_resume(void) {
    return atomic_exchange(&resume_pending, 0);
}

static void on_fatal_signal(int signal_number) {
    if (atomic_exchange(&installed, 0)) restore_terminal_now();
    /* Quit from the keyboard (Ctrl-\) or kill -QUIT ends Easel like TERM does. Handing it on
     * would reach Swift's crash handler, which waits 30 s for a key on an interactive
     * terminal and reports a crash that did not happen. */
    if (signal_number == SIGQUIT) _exit(128 + SIGQUIT);
    /* Hand the signal to whoever had it before us (Swift's backtracer for crashes, or the
     * default action), now that the terminal is readable again. The signal is blocked while
     * this handler runs, so raise() delivers it the moment we return. */
    for (int i = 0; i < fatal_count; i++) {
        if (fatal_signals[i] == signal_number) {
            sigaction(signal_number, &previous_fatal[i], NULL);
            break;
        }
    }
    raise(signal_number);
}

static void on_winch(int signal_number) {
    (void)signal_number;
    atomic_store(&resize_pending, 1);
    easel_term_wake();
}

static void install_tstp_handler(void);

/* A stop sent from outside (kill -TSTP; Ctrl-Z itself arrives as a key because the terminal is
 * in raw mode). The shell must get a sane terminal back before we stop, and curses mode must
 * be re-entered after SIGCONT, which only the owning thread may do: it is told via the pipe. */
static void on_tstp(int signal_number) {
    (void)signal_number;
    int saved_errno = errno;
    if (atomic_load(&installed)) restore_terminal_now();
    easel_term_stop_self();
    atomic_store(&resume_pending, 1);
    easel_term_wake();
    errno = saved_errno;
}

void easel_term_stop_self(void) {
    struct sigaction default_action;
    memset(&default_action, 0, sizeof default_action);
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    sigaction(SIGTSTP, &default_action, NULL);

    sigset_t tstp;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    sigset_t old_mask;
    /* Inside our own handler SIGTSTP is blocked; unblock it so the raise stops us here. */
    pthread_sigmask(SIG_UNBLOCK, &tstp, &old_mask);
    raise(SIGTSTP);
    /* Execution continues here after SIGCONT. */
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    if (atomic_load(&installed)) install_tstp_handler();
}

static void install_handler(int signal_number, void (*handler)(int), struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    /* SA_RESTART keeps a resize from failing the read/poll of other threads with EINTR. */
    action.sa_flags = SA_RESTART;
    sigaction(signal_number, &action, previous);
}

static void install_tstp_handler(void) {
    install_handler(SIGTSTP, on_tstp, NULL);
}

static void exit_hook(void) {
    easel_term_emergency_restore();
}

static int make_wake_pipe(void) {
    if (atomic_load(&wake_read_fd) >= 0) return 0;
    int ends[2];
    if (pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
    atomic_store(&wake_read_fd, ends[0]);
    atomic_store(&wake_write_fd, ends[1]);
    return 0;
}

int easel_term_install(void) {
    if (make_wake_pipe() != 0) return -1;
    easel_term_drain_wake();
    atomic_store(&resize_pending, 0);
    atomic_store(&resume_pending, 0);
    if (!atomic_exchange(&installed, 1)) {
        for (int i = 0; i < fatal_count; i++) {
            install_handler(fatal_signals[i], on_fatal_signal, &previous_fatal[i]);
        }
        install_handler(SIGWINCH, on_winch, &previous_winch);
        install_handler(SIGTSTP, on_tstp, &previous_tstp);
    }
    if (!atomic_exchange(&exit_hook_registered, 1)) atexit(exit_hook);
    return atomic_load(&wake_read_fd);
}

int easel_term_is_installed(void) {
    return atomic_load(&installed);
}

void easel_term_uninstall(void) {
    if (!atomic_exchange(&installed, 0)) return;
    for (int i = 0; i < fatal_count; i++) {
        sigaction(fatal_signals[i], &previous_fatal[i], NULL);
    }
    sigaction(SIGWINCH, &previous_winch, NULL);
    sigaction(SIGTSTP, &previous_tstp, NULL);
    atomic_store(&restore_length, 0);
    atomic_store(&saved_termios_fd, -1);
}

/* One field of /proc/thread-self/io ("wchar:", "syscw:"), or -1. */
static long long thread_io_field(const char *name) {
    int fd = open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    char text[512];
    ssize_t length = read(fd, text, sizeof text - 1);
    close(fd);
    if (length <= 0) return -1;
    text[length] = '\0';
    const char *field = strstr(text, name);
    if (field == NULL) return -1;
    return strtoll(field + strlen(name), NULL, 10);
}

long long easel_term_thread_bytes_written(void) {
    return thread_io_field("wchar:");
}

long long easel_term_thread_write_calls(void) {
    return thread_io_field("syscw:");
}

int easel_term_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}
