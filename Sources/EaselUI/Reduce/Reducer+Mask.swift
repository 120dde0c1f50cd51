extension Reducer {
    /// Carries out a mask editor command.
    static func maskCommand(_ state: inout AppState, _ command: MaskCommand) -> [Effect] {
        if case .open = command { return openMaskEditor(&state) }
        guard state.maskEditor != nil else { return [] }
        let layout = MaskLayout(state)
        let geometry = state.maskEditor.flatMap { MaskGeometry($0, layout: layout, previews: state.previews) }
        // Taken out of the state while it changes, so the 4 MB bitmap is never copied on write.
        var editor = state.maskEditor.take()!
        var closing = false
        defer { state.maskEditor = closing ? nil : editor }
        // The cursor starts mid-area, before the picture's size is known: keep it on the picture.
        if let geometry { editor.cursor = geometry.clamp(editor.cursor) }
        // Anything but the drag's own reports ends it first (a key mid-drag, or a press whose
        // release never came), so undo and zoom never see a half-recorded stroke.
        switch command {
        case .mouseDrag, .mouseRelease: break
        default: endStroke(&editor)
        }
        switch command {
        case .open:
            return []
        case .move(let dx, let dy):
            moveCursor(&editor, dx: dx, dy: dy, geometry: geometry, area: layout.picture)
        case .pan(let dx, let dy):
            pan(&editor, dx: dx, dy: dy, area: layout.picture)
        case .resizeBrush(let step):
            editor.brush = max(MaskEditorState.brushSizes.lowerBound, min(MaskEditorState.brushSizes.upperBound, editor.brush + step))
        case .stamp:
            if editor.selection != nil { return fillSelection(&state, &editor, geometry) }
            return brush(&state, &editor, geometry, value: editor.mode == .paint ? 255 : 0)
        case .erase:
            return brush(&state, &editor, geometry, value: 0)
        case .toggleMode:
            editor.mode = editor.mode == .paint ? .erase : .paint
        case .startSelection(let shape):
            editor.selection = MaskEditorState.Selection(shape: shape, anchor: editor.cursor)
        case .fillAll:
            edit(&editor, editor.mask.bounds) { $0.fill($1, value: 255) }
        case .clearAll:
            edit(&editor, editor.mask.bounds) { $0.fill($1, value: 0) }
        case .invert:
            edit(&editor, editor.mask.bounds) { $0.invert($1) }
        case .undo:
            guard let change = editor.history.popUndo() else {
                state.message = StatusMessage("nothing to undo", kind: .warning)
                return []
            }
            editor.mask.restore(change.before, in: change.rect)
            editor.marked += change.before.markedCount - change.after.markedCount
            editor.revision += 1
        case .redo:
            guard let change = editor.history.popRedo() else {
                state.message = StatusMessage("nothing to redo", kind: .warning)
                return []
            }
            editor.mask.restore(change.after, in: change.rect)
            editor.marked += change.after.markedCount - change.before.markedCount
            editor.revision += 1
        case .toggleZoom:
            toggleZoom(&editor, geometry: geometry, state: state, layout: layout)
        case .cycleFeather:
            let feathers = MaskEditorState.feathers
            editor.feather = feathers[((feathers.firstIndex(of: editor.feather) ?? 0) + 1) % feathers.count]
            state.message = StatusMessage("feather \(editor.feather) px: the saved mask's edge ramps over \(editor.feather) pixels")
        case .commit:
            if editor.selection != nil { return fillSelection(&state, &editor, geometry) }
            return [saveMask(&state, editor)]
        case .save:
            return [saveMask(&state, editor)]
        case .cancel:
            if editor.selection != nil {
                editor.selection = nil
            } else if editor.isDirty {
                editor.confirmingLeave = true
            } else {
                closing = true
            }
        case .confirmLeave:
            closing = true
        case .stay:
            editor.confirmingLeave = false
        case .mousePress(let x, let y, let erase, let modifiers):
            guard let geometry else {
                state.message = StatusMessage("the picture is still loading", kind: .warning)
                return []
            }
            guard x >= geometry.left, x < geometry.left + geometry.columns, y >= geometry.top, y < geometry.top + geometry.rows
            else { return [] }
            let cell = CellPoint(x: x - geometry.left, y: y - geometry.top)
            let value: UInt8 = erase || editor.mode == .erase ? 0 : 255
            editor.cursor = cell
            if !modifiers.isDisjoint(with: [.shift, .control, .alt]) {
                let shape: MaskEditorState.Selection.Shape = modifiers.contains(.alt) ? .ellipse : .rectangle
                editor.selection = MaskEditorState.Selection(shape: shape, anchor: cell)
                editor.stroke = MaskStroke(value: value, last: cell, before: nil)
            } else {
                editor.stroke = MaskStroke(value: value, last: cell, before: editor.mask)
                dab(&editor, at: cell, geometry)
            }
        case .mouseDrag(let x, let y):
            dragStroke(&editor, to: x, y, geometry)
        case .mouseRelease(let x, let y):
            dragStroke(&editor, to: x, y, geometry)
            if editor.stroke?.isShape == true, let value = editor.stroke?.value, editor.selection != nil {
                editor.stroke = nil
                return fillSelection(&state, &editor, geometry, value: value)
            }
            endStroke(&editor)
        }
        return []
    }

    /// Moves an open stroke to screen cell (`x`, `y`): a brush stroke stamps every cell on the
    /// way, a shape drag moves the shape's far corner (the cursor) there.
    private static func dragStroke(_ editor: inout MaskEditorState, to x: Int, _ y: Int, _ geometry: MaskGeometry?) {
        guard let geometry, var stroke = editor.stroke else { return }
        // Not clamped: a drag may leave the picture and come back, and dabs outside clip away.
        let cell = CellPoint(x: x - geometry.left, y: y - geometry.top)
        editor.cursor = geometry.clamp(cell)
        guard !stroke.isShape else { return }
        let path = MaskStroke.cells(from: stroke.last, to: cell)
        stroke.last = cell
        editor.stroke = stroke
        for step in path { dab(&editor, at: step, geometry) }
    }

    /// Stamps the brush of an open brush stroke at `cell`, without an undo step of its own.
    private static func dab(_ editor: inout MaskEditorState, at cell: CellPoint, _ geometry: MaskGeometry) {
        guard let value = editor.stroke?.value else { return }
        let rect = geometry.brush(at: cell, size: editor.brush).clamped(width: editor.mask.width, height: editor.mask.height)
        guard !rect.isEmpty else { return }
        let before = editor.mask.runs(in: rect).markedCount
        editor.mask.fill(rect, value: value)
        let after = editor.mask.runs(in: rect).markedCount
        let touched = editor.stroke?.touched.union(rect) ?? rect
        editor.stroke?.touched = touched
        guard after != before else { return }
        editor.marked += after - before
        editor.revision += 1
    }

    /// Closes an open stroke: a brush stroke becomes one undo step (none when it changed
    /// nothing); a shape drag leaves its shape pending, for the keys to finish or drop.
    private static func endStroke(_ editor: inout MaskEditorState) {
        guard let stroke = editor.stroke.take() else { return }
        guard let before = stroke.before, !stroke.touched.isEmpty else { return }
        let old = before.runs(in: stroke.touched)
        let new = editor.mask.runs(in: stroke.touched)
        guard old != new else { return }
        editor.history.record(MaskChange(rect: stroke.touched, before: old, after: new))
    }

    /// `m` in the viewer: a mask the size of the shown image, or one line saying why not.
    private static func openMaskEditor(_ state: inout AppState) -> [Effect] {
        guard let image = state.viewer?.current else { return [] }
        guard let source = image.viewerSource else {
            state.message = StatusMessage("no mask: the image is not on this machine and the server gave no URL", kind: .warning)
            return []
        }
        switch MaskBitmap.empty(width: image.width, height: image.height) {
        case .failure(let refusal):
            state.message = StatusMessage("no mask: " + refusal.message, kind: .warning)
        case .success(let mask):
            var editor = MaskEditorState(image: image, source: source, mask: mask)
            let area = MaskLayout(state).picture
            editor.cursor = CellPoint(x: area.width / 2, y: area.height / 2)
            state.maskEditor = editor
        }
        return []
    }

    /// Applies `body` to the mask inside `rect` and records the change for undo (nothing is
    /// recorded when no pixel changed).
    private static func edit(_ editor: inout MaskEditorState, _ rect: PixelRect, _ body: (inout MaskBitmap, PixelRect) -> Void) {
        let rect = rect.clamped(width: editor.mask.width, height: editor.mask.height)
        guard !rect.isEmpty else { return }
        let before = editor.mask.runs(in: rect)
        body(&editor.mask, rect)
        let after = editor.mask.runs(in: rect)
        guard after != before else { return }
        editor.history.record(MaskChange(rect: rect, before: before, after: after))
        editor.marked += after.markedCount - before.markedCount
        editor.revision += 1
    }

    private static func brush(_ state: inout AppState, _ editor: inout MaskEditorState, _ geometry: MaskGeometry?, value: UInt8) -> [Effect] {
        guard let geometry else {
            state.message = StatusMessage("the picture is still loading", kind: .warning)
            return []
        }
        edit(&editor, geometry.brush(at: editor.cursor, size: editor.brush)) { $0.fill($1, value: value) }
        return []
    }

    private static func fillSelection(_ state: inout AppState, _ editor: inout MaskEditorState, _ geometry: MaskGeometry?, value: UInt8? = nil) -> [Effect] {
        guard let selection = editor.selection else { return [] }
        guard let geometry else {
            state.message = StatusMessage("the picture is still loading", kind: .warning)
            return []
        }
        let rect = geometry.pixels(from: selection.anchor, to: editor.cursor)
        let value: UInt8 = value ?? (editor.mode == .paint ? 255 : 0)
        switch selection.shape {
        case .rectangle: edit(&editor, rect) { $0.fill($1, value: value) }
        case .ellipse: edit(&editor, rect) { $0.fillEllipse($1, value: value) }
        }
        editor.selection = nil
        return []
    }

    private static func saveMask(_ state: inout AppState, _ editor: MaskEditorState) -> Effect {
        state.message = StatusMessage("saving the mask…")
        return .saveMask(MaskSaveRequest(source: editor.source, mask: editor.mask, feather: editor.feather, revision: editor.revision))
    }

    /// Moves the brush; at 1:1 walking past the picture's edge pans the view.
    private static func moveCursor(_ editor: inout MaskEditorState, dx: Int, dy: Int, geometry: MaskGeometry?, area: Rect) {
        let columns = geometry?.columns ?? area.width
        let rows = geometry?.rows ?? area.height
        var x = editor.cursor.x + dx
        var y = editor.cursor.y + dy
        if editor.zoom == .actual, x < 0 || x >= columns || y < 0 || y >= rows {
            let before = editor.origin
            pan(&editor, dx: x < 0 ? -1 : (x >= columns ? 1 : 0), dy: y < 0 ? -1 : (y >= rows ? 1 : 0), area: area)
            // The picture moved under the cursor: keep it on the same image pixel's neighbour.
            x -= editor.origin.x - before.x
            y -= (editor.origin.y - before.y) / 2
        }
        editor.cursor = CellPoint(x: max(0, min(columns - 1, x)), y: max(0, min(rows - 1, y)))
    }

    /// The viewer's pan: a quarter of the screen across, half down, within the image.
    private static func pan(_ editor: inout MaskEditorState, dx: Int, dy: Int, area: Rect) {
        guard editor.zoom == .actual else { return }
        let maxX = max(0, editor.mask.width - area.width)
        let maxY = max(0, editor.mask.height - area.height * 2)
        let stepX = max(1, area.width / 4)
        // Even steps keep a cell's two source rows together across pans.
        let stepY = max(2, area.height / 2) * 2
        editor.origin = PixelPoint(x: max(0, min(maxX, editor.origin.x + dx * stepX)),
                                   y: max(0, min(maxY, editor.origin.y + dy * stepY)) & ~1)
    }

    /// Fit ↔ 1:1, keeping the brush on the same image spot (centred in the 1:1 window).
    private static func toggleZoom(_ editor: inout MaskEditorState, geometry: MaskGeometry?, state: AppState, layout: MaskLayout) {
        let area = layout.picture
        let spot = geometry?.centre(of: editor.cursor) ?? PixelPoint(x: editor.mask.width / 2, y: editor.mask.height / 2)
        editor.selection = nil
        if editor.zoom == .fit {
            editor.zoom = .actual
            let maxX = max(0, editor.mask.width - area.width)
            let maxY = max(0, editor.mask.height - area.height * 2)
            editor.origin = PixelPoint(x: max(0, min(maxX, spot.x - area.width / 2)), y: max(0, min(maxY, spot.y - area.height)) & ~1)
        } else {
            editor.zoom = .fit
            editor.origin = PixelPoint(x: 0, y: 0)
        }
        if let next = MaskGeometry(editor, layout: layout, previews: state.previews) {
            editor.cursor = next.cell(showing: spot)
        } else {
            editor.cursor = CellPoint(x: area.width / 2, y: area.height / 2)
        }
    }

    /// A mask was written (or not): the state keeps its path for the image.
    static func maskSaved(_ state: inout AppState, _ result: Result<MaskSaved, MaskRefusal>) {
        switch result {
        case .success(let saved):
            state.savedMasks[saved.source] = saved.path
            if state.maskEditor?.source == saved.source {
                state.maskEditor?.savedRevision = saved.revision
            }
            state.message = StatusMessage("mask saved to \(saved.path)", kind: .success)
        case .failure(let refusal):
            state.message = StatusMessage("mask not saved: \(refusal.message)", kind: .error)
        }
    }
}

extension Optional {
    /// Returns the value and leaves nil behind.
    fileprivate mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
