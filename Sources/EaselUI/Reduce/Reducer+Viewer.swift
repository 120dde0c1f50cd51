import Foundation
import EaselCore

extension Reducer {
    /// Viewer and image commands; nil when `command` is not one of them.
    static func imageCommand(_ state: inout AppState, _ command: Command) -> [Effect]? {
        switch command {
        case .openViewer:
            let images = state.focus == .historyEntries || state.focus == .historyList ? state.historyImages : state.selectedImages
            guard !images.isEmpty else {
                if state.focus == .historyEntries { return apply(&state, .remix) }
                state.message = StatusMessage("no images here yet", kind: .warning)
                return []
            }
            state.viewer = ViewerState(images: images)
            return []
        case .closeViewer:
            state.viewer = nil
            return []
        case .startExport:
            guard let path = state.selectedImages.first?.path else {
                state.message = StatusMessage("nothing to export: the image is not saved on this machine", kind: .warning)
                return []
            }
            state.export = ExportPrompt(source: path, directory: state.context.exportDirectory)
            return []
        case .copyPrompt, .copyLink:
            guard let image = state.selectedImages.first else {
                state.message = StatusMessage("no image selected", kind: .warning)
                return []
            }
            let text = command == .copyPrompt ? image.prompt : (image.url ?? image.path ?? "")
            guard !text.isEmpty else {
                state.message = StatusMessage("nothing to copy", kind: .warning)
                return []
            }
            let what = command == .copyPrompt ? "the prompt" : (image.url != nil ? "the image URL" : "the image path")
            state.message = StatusMessage("copied \(what) to the clipboard (OSC 52)", kind: .success)
            return [.copyToClipboard(text)]
        case .stepImage, .toggleZoom, .pan, .toggleCompare, .toggleInfo:
            guard var viewer = state.viewer else { return [] }
            viewerCommand(&viewer, command, layout: ViewerLayout(state))
            state.viewer = viewer
            return []
        default:
            return nil
        }
    }

    private static func viewerCommand(_ viewer: inout ViewerState, _ command: Command, layout: ViewerLayout) {
        let count = viewer.images.count
        switch command {
        case .stepImage(let step):
            guard count > 0 else { return }
            viewer.index = ((viewer.index + step) % count + count) % count
            viewer.origin = PixelPoint(x: 0, y: 0)
        case .toggleZoom:
            viewer.zoom = viewer.zoom == .fit ? .actual : .fit
            viewer.origin = PixelPoint(x: 0, y: 0)
        case .pan(let dx, let dy):
            guard viewer.zoom == .actual else {
                // Fitted, the sideways arrows step through the images.
                if dx != 0 { viewerCommand(&viewer, .stepImage(by: dx > 0 ? 1 : -1), layout: layout) }
                return
            }
            guard let image = viewer.current else { return }
            let area = layout.pictures.last ?? Rect(x: 0, y: 0, width: 1, height: 1)
            let maxX = max(0, image.width - area.width)
            let maxY = max(0, image.height - area.height * 2)
            let stepX = max(1, area.width / 4)
            let stepY = max(2, area.height / 2)
            viewer.origin = PixelPoint(x: max(0, min(maxX, viewer.origin.x + dx * stepX)),
                                       y: max(0, min(maxY, viewer.origin.y + dy * stepY)))
        case .toggleCompare:
            if viewer.compare != nil {
                viewer.compare = nil
            } else if count > 1 {
                viewer.compare = viewer.index
                viewer.index = (viewer.index + 1) % count
            }
            viewer.origin = PixelPoint(x: 0, y: 0)
        case .toggleInfo:
            viewer.showInfo.toggle()
        default:
            break
        }
    }

    /// Keys typed into the export field: Enter exports into the typed directory.
    static func exportCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard var prompt = state.export else { return [] }
        switch command {
        case .commitField:
            state.export = nil
            let directory = prompt.editor.text.trimmingCharacters(in: .whitespaces)
            guard !directory.isEmpty else { return [] }
            state.context.exportDirectory = directory
            return [.exportImage(path: prompt.source, directory: directory)]
        case .cancelField:
            state.export = nil
            return []
        default:
            edit(&prompt.editor, command, width: 1 << 20)
            state.export = prompt
            return []
        }
    }
}
