#ifndef PCA_TUI_CNCURSES_SHIM_H
#define PCA_TUI_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D flags, so the wide-character API is enabled here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <curses.h>

// Swift 6 rejects C globals and macros as unsafe shared state; these wrappers expose them as functions.
static inline WINDOW *pca_stdscr(void) { return stdscr; }
static inline int pca_lines(void) { return LINES; }
static inline int pca_cols(void) { return COLS; }
static inline int pca_colors(void) { return COLORS; }
static inline chtype pca_color_pair(int n) { return COLOR_PAIR(n); }
static inline int pca_key_resize(void) { return KEY_RESIZE; }
static inline void pca_set_escdelay(int ms) { set_escdelay(ms); }

#endif
