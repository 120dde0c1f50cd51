#ifndef EASEL_CNCURSESW_SHIM_H
#define EASEL_CNCURSESW_SHIM_H

/* Wide-character API (wget_wch, setcchar, wadd_wch) is only declared with these. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift cannot import function-like macros or the SCREEN-global variables, so each gets a tiny
 * wrapper. Why each one exists is said next to it. */

/* stdscr, curscr, LINES, COLS and COLORS are globals (or macros in some builds). */
static inline WINDOW *easel_stdscr(void) { return stdscr; }
static inline WINDOW *easel_curscr(void) { return curscr; }
static inline int easel_lines(void) { return LINES; }
static inline int easel_cols(void) { return COLS; }
static inline int easel_colors(void) { return COLORS; }
/* Mouse masks are macros too. */
static inline mmask_t easel_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t easel_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t easel_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t easel_button2_pressed(void) { return BUTTON2_PRESSED; }
static inline mmask_t easel_button3_pressed(void) { return BUTTON3_PRESSED; }
static inline mmask_t easel_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t easel_button5_pressed(void) { return BUTTON5_PRESSED; }
/* Every way ncurses may report button `button` going down (pressed, or a press it folded into a
 * click), and its release; NCURSES_MOUSE_MASK is a function-like macro. */
static inline mmask_t easel_button_down(int button) {
    return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_PRESSED | NCURSES_BUTTON_CLICKED
                                          | NCURSES_DOUBLE_CLICKED | NCURSES_TRIPLE_CLICKED);
}
static inline mmask_t easel_button_released(int button) { return NCURSES_MOUSE_MASK(button, NCURSES_BUTTON_RELEASED); }
/* Motion while a button is held (what xterm's mode 1002 reports), and the modifier bits. */
static inline mmask_t easel_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t easel_button_shift(void) { return BUTTON_SHIFT; }
static inline mmask_t easel_button_ctrl(void) { return BUTTON_CTRL; }
static inline mmask_t easel_button_alt(void) { return BUTTON_ALT; }
/* KEY_RESIZE and KEY_MOUSE are plain defines Swift imports, but ERR/OK help readability. */
static inline int easel_err(void) { return ERR; }
/* KEY_F(n) is a function-like macro. */
static inline int easel_key_f(int n) { return KEY_F(n); }

/* tigetstr signals "not a string capability" with (char *)-1, which Swift cannot compare a
 * pointer against; folding it into NULL gives one "absent" value. */
static inline const char *easel_tigetstr(const char *name) {
    char *value = tigetstr(name);
    return (value == (char *)-1) ? NULL : value;
}

/* tigetflag has the same -1 convention for "not a boolean capability"; absent counts as false. */
static inline int easel_tigetflag(const char *name) {
    return tigetflag(name) == 1;
}

/* tiparm is variadic, which Swift cannot call; these take the one or two numbers the drawing
 * capabilities (cup, hpa, setaf, setab, ech) need. The result is ncurses' static buffer. */
static inline const char *easel_tiparm1(const char *capability, int first) {
    return tiparm(capability, first);
}
static inline const char *easel_tiparm2(const char *capability, int first, int second) {
    return tiparm(capability, first, second);
}

/* glibc declares wcwidth only under _XOPEN_SOURCE, which the system module Swift imports
 * wchar.h through was built without; the terminal is assumed to measure cells with it, so the backend must too. */
extern int wcwidth(wchar_t);
static inline int easel_wcwidth(wchar_t character) { return wcwidth(character); }

/* CODESET is a macro (an enum value in glibc, a define elsewhere). */
static inline const char *easel_locale_codeset(void) { return nl_langinfo(CODESET); }

/* ncurses writes the entry's `oc` (orig_colors: OSC 104 in xterm's entries, which resets the
 * whole palette) each time it resumes a screen with colour on, and Easel resumes at start-up
 * and after Ctrl-Z. Easel never changes the palette, so resetting it only undoes what the
 * user set (a base16 shell's OSC 4 colours). The loaded entry's string is emptied in place
 * (tigetstr returns the entry's own copy, which the legacy and extended tables share), so
 * ncurses sends nothing for it; the terminfo database is untouched. */
static inline void easel_forget_orig_colors(void) {
    char *value = tigetstr("oc");
    if (value != NULL && value != (char *)-1) { value[0] = '\0'; }
}

#endif
