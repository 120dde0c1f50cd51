import CNcursesw
import EaselUI

/// Maps ncurses mouse reports to the studio's `MouseEvent`s.
///
/// ncurses decodes the terminal's bytes (SGR 1006 `ESC[<b;x;yM`/`m`, or X10) into a button
/// state; a motion report with a button held (`b` has bit 32) comes out as
/// `REPORT_MOUSE_POSITION` with no button, because ncurses only remembers *that* a button is
/// down. The translation keeps which one it saw go down, so a drag names its button. Fed
/// reports oldest first.
struct MouseTranslation: Sendable {
    /// The events the backend asks ncurses for: the three buttons and the wheel (reported as
    /// buttons 4 and 5). Releases are requested because a drag ends on one, and because when a
    /// press and its release arrive in one read ncurses drops the pair unless releases (or
    /// clicks) are in the mask. Motion is left out, so moving the mouse costs nothing.
    static var requestedMask: mmask_t {
        var mask = easel_button4_pressed() | easel_button5_pressed()
        for button in Int32(1)...3 { mask |= easel_button_down(button) | easel_button_released(button) }
        return mask
    }

    /// The mask while drags are wanted: the same plus motion reports.
    static var motionMask: mmask_t { requestedMask | easel_report_mouse_position() }

    /// The button seen going down and not yet up.
    private(set) var heldButton: Int?

    /// The event for a report with button state `state` at column `x`, row `y`; nil for
    /// anything the studio does not use (motion with no button known to be held).
    mutating func event(state: mmask_t, x: Int32, y: Int32) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if state & easel_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & easel_button5_pressed() != 0 {
            kind = .wheelDown
        } else if let button = (1...3).first(where: { state & easel_button_down(Int32($0)) != 0 }) {
            kind = .press(button: button)
            heldButton = button
        } else if let button = (1...3).first(where: { state & easel_button_released(Int32($0)) != 0 }) {
            kind = .release(button: button)
            if heldButton == button { heldButton = nil }
        } else if state & easel_report_mouse_position() != 0, let button = heldButton {
            kind = .drag(button: button)
        } else {
            return nil
        }
        return MouseEvent(kind, x: Int(x), y: Int(y), modifiers: Self.modifiers(state))
    }

    /// Shift, Ctrl and Alt from the report (SGR/X10 bits 4, 16 and 8).
    static func modifiers(_ state: mmask_t) -> KeyModifiers {
        var modifiers: KeyModifiers = []
        if state & easel_button_shift() != 0 { modifiers.insert(.shift) }
        if state & easel_button_ctrl() != 0 { modifiers.insert(.control) }
        if state & easel_button_alt() != 0 { modifiers.insert(.alt) }
        return modifiers
    }
}
