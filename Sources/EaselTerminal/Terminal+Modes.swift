import CEaselTerminalSupport
import CNcursesw
import EaselGraphics
import EaselUI
import Foundation
import Glibc

extension Terminal {
    /// Rings the terminal bell (or flashes, as the terminal prefers).
    public func bell() {
        guard isOpen else { return }
        countingOutput { _ = beep() }
    }

    /// Sets the window title with the next `present`, on terminals known to take the xterm
    /// title sequence; elsewhere the title is dropped rather than risk printing it as text.
    public func setTitle(_ title: String) {
        guard isOpen, titleSupported else { return }
        pendingTitle = WindowTitle.sanitized(title)
    }

    /// Puts `text` on the clipboard with OSC 52 once the next frame is out. Inside tmux the
    /// sequence goes out twice: plain (tmux takes it when `set-clipboard` is on) and wrapped
    /// for passthrough (the outer terminal takes it when `allow-passthrough` is on).
    public func copyToClipboard(_ text: String) {
        guard isOpen else { return }
        let sequence = ClipboardSequence.osc52(text)
        pendingClipboard.append(sequence)
        if ProcessInfo.processInfo.environment["TMUX"] != nil {
            pendingClipboard.append(TmuxPassthrough.wrap(sequence))
        }
        // The sequence rides on the next frame; make sure there is one.
        invalidateFrame()
    }

    /// Switches to `theme`: new colour pairs, and a full repaint on the next `present`.
    public func setTheme(_ theme: Theme) {
        guard isOpen else { return }
        palette = RolePalette(theme: theme, mode: colorMode, colorCount: Int(easel_colors()))
        inks = [:]
        // Every cell's colours may have changed while the grid's roles did not: the next frame
        // is drawn whole.
        invalidateFrame()
    }

    /// Stops the program (Ctrl-Z) and returns when the shell resumes it, with the last frame
    /// redrawn.
    public func suspend() {
        guard isOpen else { return }
        countingOutput {
            setBracketedPaste(false)
            if mouseMotion { writeMotionMode(false) }
            _ = mousemask(0, nil)
            _ = def_prog_mode()
            _ = endwin()
        }
        easel_term_restore_termios()
        easel_term_stop_self()
        countingOutput {
            _ = reset_prog_mode()
            resumeModes()
        }
        redrawLastFrame()
    }

    /// Re-enters curses mode after an outside SIGTSTP, which our handler answered by restoring
    /// the terminal behind ncurses' back.
    ///
    /// ncurses still believes it is in curses mode, so it is first told it left (endwin), after
    /// which the next refresh re-sends the alternate screen and keypad modes as after any
    /// endwin.
    func reenterAfterStop() {
        countingOutput {
            _ = endwin()
            resumeModes()
        }
        redrawLastFrame()
    }

    /// Turns mouse reports and bracketed paste back on after curses mode was left.
    private func resumeModes() {
        _ = mousemask(mouseMotion ? MouseTranslation.motionMask : MouseTranslation.requestedMask, nil)
        if mouseMotion { writeMotionMode(true) }
        setBracketedPaste(true)
    }

    /// Turns drag reports on (xterm's button-event tracking, mode 1002) or back to the presses
    /// and wheel the studio normally takes (mode 1000, as ncurses' own `XM` sets it).
    ///
    /// ncurses' `XM` only knows mode 1000, and `mousemask` with `REPORT_MOUSE_POSITION` merely
    /// lets motion reports through its filter, so the mode itself is written here. Only a
    /// change writes anything.
    public func setMouseMotion(_ enabled: Bool) {
        guard isOpen, enabled != mouseMotion else { return }
        mouseMotion = enabled
        countingOutput {
            _ = mousemask(enabled ? MouseTranslation.motionMask : MouseTranslation.requestedMask, nil)
            writeMotionMode(enabled)
        }
    }

    /// Writes the motion mode's switch straight to the terminal.
    ///
    /// Off is `?1002l` then `?1000h`: xterm keeps one mouse mode, and resetting 1002 leaves it
    /// at none rather than falling back to 1000. SGR (1006) is asked for again only where the
    /// entry decodes it; elsewhere (screen, tmux entries) ncurses expects X10 bytes, and a
    /// terminal switched to SGR would send it reports it cannot read.
    func writeMotionMode(_ enabled: Bool) {
        let sequence = enabled ? "\u{1B}[?1002h" + (sgrMouse ? "\u{1B}[?1006h" : "") : "\u{1B}[?1002l\u{1B}[?1000h"
        writeDirectly(Array(sequence.utf8))
    }

    /// Repaints the last frame from scratch (the terminal was used by someone else meanwhile).
    private func redrawLastFrame() {
        let frame = lastGrid
        invalidateFrame()
        cursorVisible = nil
        if let frame {
            present(frame, cursor: lastCursor)
        } else {
            countingOutput { _ = doupdate() }
        }
    }

    /// Turns bracketed paste mode on or off where the terminal supports it.
    ///
    /// Written directly rather than through ncurses: it has no capability for it that every
    /// entry carries (xterm's `BE`/`BD` are extensions), and the mode is independent of
    /// anything ncurses has buffered, so order does not matter.
    func setBracketedPaste(_ enabled: Bool) {
        guard pasteSupported else { return }
        writeDirectly(Array((enabled ? "\u{1B}[?2004h" : "\u{1B}[?2004l").utf8))
    }
}
