import CNcursesw
import EaselUI

/// Maps an ncurses mouse report to the studio's `MouseEvent`.
enum MouseTranslation {
    /// The events the backend asks ncurses for: the three buttons and the wheel (reported as
    /// buttons 4 and 5). Releases are requested although unused: when a press and its release
    /// arrive in one read, ncurses drops the pair unless releases (or clicks) are in the mask.
    /// Motion is left out, so moving the mouse costs nothing.
    static var requestedMask: mmask_t {
        var mask = easel_button4_pressed() | easel_button5_pressed()
        for button in Int32(1)...3 { mask |= easel_button_down(button) | easel_button_released(button) }
        return mask
    }

    /// The event for a report with button state `state` at column `x`, row `y`; nil for
    /// anything the studio does not use (releases).
    static func event(state: mmask_t, x: Int32, y: Int32) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if state & easel_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & easel_button5_pressed() != 0 {
            kind = .wheelDown
        } else if let button = (1...3).first(where: { state & easel_button_down(Int32($0)) != 0 }) {
            kind = .press(button: button)
        } else {
            return nil
        }
        return MouseEvent(kind, x: Int(x), y: Int(y))
    }
}
