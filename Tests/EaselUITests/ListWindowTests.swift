@testable import EaselUI
import Testing

/// The one list window every list draws through and the mouse asks.
struct ListWindowTests {
    let rect = Rect(x: 2, y: 5, width: 30, height: 4)

    @Test("a short list shows whole from its first row; nothing below its end is a row")
    func shortList() {
        let list = ListWindow(rect, count: 3, selected: 2)
        #expect(list.first == 0 && !list.isScrolled)
        #expect(list.rows.map(\.index) == [0, 1, 2] && list.rows.map(\.y) == [5, 6, 7])
        #expect(list.index(atRow: 7) == 2 && list.index(atRow: 8) == nil && list.index(atRow: 4) == nil)
    }

    @Test("a long list scrolls just far enough to show the selection, and a click maps through the scroll")
    func scrolledList() {
        let list = ListWindow(rect, count: 10, selected: 6)
        #expect(list.first == 3 && list.isScrolled)
        #expect(list.rows.map(\.index) == [3, 4, 5, 6])
        #expect(list.index(atRow: 5) == 3 && list.index(atRow: 8) == 6)
    }

    @Test("half pages: the top stays while the selection is on screen, then moves half a page")
    func halfPages() {
        #expect(ListWindow(rect, count: 20, selected: 3, halfPagesFrom: 0).first == 0)
        #expect(ListWindow(rect, count: 20, selected: 4, halfPagesFrom: 0).first == 2)
        #expect(ListWindow(rect, count: 20, selected: 19, halfPagesFrom: 0).first == 16)
    }

    @Test("the selection bar is drawn only where the list has the focus, under the selected row")
    func selectionBar() {
        var grid = CellGrid(width: 40, height: 12)
        var highlighted: [Int] = []
        ListWindow(rect, count: 10, selected: 6).draw(&grid, focused: true) { _, index, _, on in
            if on { highlighted.append(index) }
        }
        #expect(highlighted == [6])
        #expect(grid[x: rect.x, y: 8].style == CellStyle(.selection) && grid[x: rect.x, y: 7].style != CellStyle(.selection))
        highlighted = []
        ListWindow(rect, count: 10, selected: 6).draw(&grid, focused: false) { _, index, _, on in
            if on { highlighted.append(index) }
        }
        #expect(highlighted.isEmpty)
    }
}
