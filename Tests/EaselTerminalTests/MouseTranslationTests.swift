import CNcursesw
import EaselUI
import Testing

@testable import EaselTerminal

/// Mapping ncurses mouse reports to studio events.
@Suite struct MouseTranslationTests {
    @Test func pressesAndWheel() {
        var mouse = MouseTranslation()
        #expect(mouse.event(state: easel_button1_pressed(), x: 3, y: 4) == MouseEvent(.press(button: 1), x: 3, y: 4))
        #expect(mouse.event(state: easel_button3_pressed(), x: 0, y: 0) == MouseEvent(.press(button: 3), x: 0, y: 0))
        #expect(mouse.event(state: easel_button4_pressed(), x: 1, y: 2) == MouseEvent(.wheelUp, x: 1, y: 2))
        #expect(mouse.event(state: easel_button5_pressed(), x: 1, y: 2) == MouseEvent(.wheelDown, x: 1, y: 2))
        #expect(mouse.event(state: easel_button1_clicked(), x: 5, y: 6) == MouseEvent(.press(button: 1), x: 5, y: 6))
        #expect(mouse.event(state: easel_button_released(1), x: 1, y: 2) == MouseEvent(.release(button: 1), x: 1, y: 2))
        #expect(mouse.event(state: 0, x: 1, y: 2) == nil)
        #expect(MouseTranslation.requestedMask & easel_button2_pressed() != 0)
        #expect(MouseTranslation.requestedMask & easel_report_mouse_position() == 0)
        #expect(MouseTranslation.motionMask & easel_report_mouse_position() != 0)
    }

    /// ncurses reports SGR motion (`ESC[<32;x;yM`) as a bare position: the drag's button is the
    /// one seen going down, and the modifier bits come through.
    @Test func dragsNameTheHeldButtonAndModifiers() {
        var mouse = MouseTranslation()
        let position = easel_report_mouse_position()
        #expect(mouse.event(state: position, x: 1, y: 1) == nil, "motion with no button known to be down")
        #expect(mouse.event(state: easel_button3_pressed() | easel_button_shift(), x: 2, y: 2)
            == MouseEvent(.press(button: 3), x: 2, y: 2, modifiers: .shift))
        #expect(mouse.event(state: position, x: 3, y: 2) == MouseEvent(.drag(button: 3), x: 3, y: 2))
        #expect(mouse.event(state: position | easel_button_ctrl() | easel_button_alt(), x: 4, y: 3)
            == MouseEvent(.drag(button: 3), x: 4, y: 3, modifiers: [.control, .alt]))
        #expect(mouse.event(state: easel_button_released(3), x: 4, y: 3) == MouseEvent(.release(button: 3), x: 4, y: 3))
        #expect(mouse.heldButton == nil)
        #expect(mouse.event(state: position, x: 5, y: 3) == nil, "no drag after the release")
    }
}
