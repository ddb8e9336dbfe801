#ifndef PCA_TUI_CNCURSES_SHIM_H
#define PCA_TUI_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D flags, so the wide-character API is enabled here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <signal.h>
#include <curses.h>

// Swift 6 rejects C globals and macros as unsafe shared state; these wrappers expose them as functions.
static inline WINDOW *pca_stdscr(void) { return stdscr; }
static inline int pca_lines(void) { return LINES; }
static inline int pca_cols(void) { return COLS; }
static inline int pca_colors(void) { return COLORS; }
static inline chtype pca_color_pair(int n) { return COLOR_PAIR(n); }
static inline int pca_key_resize(void) { return KEY_RESIZE; }
static inline void pca_set_escdelay(int ms) { set_escdelay(ms); }
static inline int pca_key_code_yes(void) { return KEY_CODE_YES; }
static inline int pca_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t pca_a_bold(void) { return A_BOLD; }
static inline attr_t pca_a_reverse(void) { return A_REVERSE; }
static inline attr_t pca_a_dim(void) { return A_DIM; }
static inline attr_t pca_a_underline(void) { return A_UNDERLINE; }
static inline mmask_t pca_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t pca_wheel_down(void) { return BUTTON5_PRESSED; }
static inline mmask_t pca_button1_clicked(void) { return BUTTON1_CLICKED; }

/* On a crash signal: give the terminal back, then die of the same signal. Runs in signal context, so it
   only calls endwin, which ncurses documents as safe enough for this last step. */
static void pca_crash_handler(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void pca_install_crash_handlers(void) {
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
        signal(signals[i], pca_crash_handler);
    }
}

#endif
