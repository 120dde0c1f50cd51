#ifndef EASEL_TERMINAL_SUPPORT_H
#define EASEL_TERMINAL_SUPPORT_H

/* The parts of the terminal backend that must run inside signal handlers (and so must be
 * async-signal-safe C), plus small system calls that are awkward from Swift. Everything here is
 * process-global on purpose: there is one terminal per process, and a signal handler cannot
 * find an object. */

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Remembers the termios of `fd` as the state every restore path puts back; 0 or -1. */
int easel_term_save_termios(int fd);

/* Puts the saved termios back on the saved fd (no-op before a save); 0 or -1. */
int easel_term_restore_termios(void);

/* Sets the bytes written before the termios restore when a signal or exit catches the terminal
 * in curses mode (exit alternate screen, show cursor, modes off). Copied; longer input is cut. */
void easel_term_set_restore_sequence(const char *bytes, size_t length);

/* Installs the signal handlers (termination, crash, SIGWINCH, SIGTSTP), creates the wake pipe
 * on first use and registers the exit hook once. Returns the wake pipe's read end, or -1. */
int easel_term_install(void);

/* Whether the handlers are installed, i.e. a terminal is open in this process. */
int easel_term_is_installed(void);

/* Puts the signal dispositions found at install time back and stops restoring on exit. */
void easel_term_uninstall(void);

/* Writes the restore sequence and the saved termios now, if installed: what a fatal signal does. */
void easel_term_emergency_restore(void);

/* Makes a poll on the wake pipe return; async-signal-safe and callable from any thread. */
void easel_term_wake(void);

/* Empties the wake pipe so the next poll sleeps again. */
void easel_term_drain_wake(void);

/* Whether SIGWINCH arrived since the last call (clears the flag). */
int easel_term_take_resize(void);

/* Whether the process was stopped by an outside SIGTSTP and resumed since the last call. */
int easel_term_take_resume(void);

/* Stops the process with the default SIGTSTP action and returns once it is continued; the
 * caller has already left curses mode. */
void easel_term_stop_self(void);

/* write(2) until all of `length` is out, retrying on EINTR/EAGAIN; bytes written or -1. */
ssize_t easel_term_write_all(int fd, const void *bytes, size_t length);

/* Bytes the calling thread has passed to write(2) so far (the `wchar` line of
 * /proc/thread-self/io), or -1 where that file does not exist. */
long long easel_term_thread_bytes_written(void);
/* The write system calls the calling thread has made (/proc/thread-self/io), or -1; for tests. */
long long easel_term_thread_write_calls(void);

/* Rows and columns of the terminal on `fd` from TIOCGWINSZ; 0 or -1. */
int easel_term_window_size(int fd, int *rows, int *columns);

#endif
