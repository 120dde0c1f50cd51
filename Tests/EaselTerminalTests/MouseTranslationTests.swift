import CNcursesw
import EaselUI
import Testing

@testable import EaselTerminal

/// Mapping ncurses mouse reports to studio events.
@Suite struct MouseTranslationTests {
    @Test func pressesAndWheel() {
        #expect(MouseTranslation.event(state: easel_button1_pressed(), x: 3, y: 4) == MouseEvent(.press(button: 1), x: 3, y: 4))
        #expect(MouseTranslation.event(state: easel_button3_pressed(), x: 0, y: 0) == MouseEvent(.press(button: 3), x: 0, y: 0))
        #expect(MouseTranslation.event(state: easel_button4_pressed(), x: 1, y: 2) == MouseEvent(.wheelUp, x: 1, y: 2))
        #expect(MouseTranslation.event(state: easel_button5_pressed(), x: 1, y: 2) == MouseEvent(.wheelDown, x: 1, y: 2))
        #expect(MouseTranslation.event(state: easel_button1_clicked(), x: 5, y: 6) == MouseEvent(.press(button: 1), x: 5, y: 6))
        #expect(MouseTranslation.event(state: easel_button_released(1), x: 1, y: 2) == nil)
        #expect(MouseTranslation.event(state: 0, x: 1, y: 2) == nil)
        #expect(MouseTranslation.requestedMask & easel_button2_pressed() != 0)
    }
}
