#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, and without it curses.h leaves out the whole wide
   API (get_wch, cchar_t, waddnwstr). NCURSES_WIDECHAR is ncurses' own switch for it and leaves glibc's
   feature macros alone. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* C globals -> accessors: Swift 6 rejects imported mutable globals as not concurrency-safe. */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

/* Function-like macros are invisible to Swift -> functions. */
static inline chtype cnc_acs(char c) { return NCURSES_ACS(c); } /* 'q' HLINE, 'x' VLINE, 'l' 'k' 'm' 'j' corners ... */
static inline const cchar_t *cnc_wacs(char c) { return NCURSES_WACS(c); }
static inline attr_t cnc_a_normal(void)    { return A_NORMAL; }
static inline attr_t cnc_a_bold(void)      { return A_BOLD; }
static inline attr_t cnc_a_dim(void)       { return A_DIM; }
static inline attr_t cnc_a_reverse(void)   { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_italic(void)    { return A_ITALIC; }
static inline attr_t cnc_color_pair_attr(int n) { return COLOR_PAIR(n); }
static inline int cnc_key_f(int n) { return KEY_F(n); }

static inline mmask_t cnc_button1_pressed(void)  { return BUTTON1_PRESSED; }
static inline mmask_t cnc_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t cnc_button1_clicked(void)  { return BUTTON1_CLICKED; }
static inline mmask_t cnc_button4_pressed(void)  { return BUTTON4_PRESSED; } /* wheel up */
static inline mmask_t cnc_button5_pressed(void)  { return BUTTON5_PRESSED; } /* wheel down */
static inline mmask_t cnc_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
#endif
