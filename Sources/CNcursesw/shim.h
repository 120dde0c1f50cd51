#ifndef EASEL_CNCURSESW_SHIM_H
#define EASEL_CNCURSESW_SHIM_H

/* Wide-character API (wget_wch, setcchar, mvwadd_wchnstr) is only declared with these. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Swift cannot import function-like macros or the SCREEN-global variables, so each gets a tiny
 * wrapper. Why each one exists is said next to it. */

/* COLOR_PAIR is a macro. */
static inline attr_t easel_color_pair(int pair) { return (attr_t)COLOR_PAIR(pair); }
/* stdscr, LINES and COLS are globals (or macros in some builds). */
static inline WINDOW *easel_stdscr(void) { return stdscr; }
static inline int easel_lines(void) { return LINES; }
static inline int easel_cols(void) { return COLS; }
/* Attribute constants are macros built from NCURSES_BITS. */
static inline attr_t easel_a_bold(void) { return A_BOLD; }
static inline attr_t easel_a_underline(void) { return A_UNDERLINE; }
static inline attr_t easel_a_reverse(void) { return A_REVERSE; }
static inline attr_t easel_a_dim(void) { return A_DIM; }
static inline attr_t easel_a_normal(void) { return A_NORMAL; }
/* Mouse masks are macros too. */
static inline mmask_t easel_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t easel_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t easel_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t easel_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t easel_button5_pressed(void) { return BUTTON5_PRESSED; }
/* KEY_RESIZE and KEY_MOUSE are plain defines Swift imports, but ERR/OK help readability. */
static inline int easel_err(void) { return ERR; }

#endif
