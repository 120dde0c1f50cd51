extension Command {
    /// The command's name in the config's `[keys]` tables and in `easel keys` (snake_case, as
    /// helix names its commands); nil for what only the mouse does.
    public var name: String? {
        switch self {
        case .quit: "quit"
        case .toggleHelp: "help"
        case .focusNext: "next_section"
        case .focusPrevious: "previous_section"
        case .focusPane(let pane):
            switch pane {
            case .compose: "focus_compose"
            case .progress: "focus_progress"
            case .history: "focus_history"
            }
        case .suspend: "suspend"
        case .submit: "send"
        case .dismiss: "dismiss"
        case .insertNewline: "insert_newline"
        case .cursorLeft: "move_left"
        case .cursorRight: "move_right"
        case .cursorUp: "move_up"
        case .cursorDown: "move_down"
        case .wordLeft: "word_left"
        case .wordRight: "word_right"
        case .lineStart: "line_start"
        case .lineEnd: "line_end"
        case .deleteBackward: "delete_backward"
        case .deleteForward: "delete_forward"
        case .deleteWordBackward: "delete_word_backward"
        case .deleteToLineStart: "delete_to_line_start"
        case .deleteToLineEnd: "delete_to_line_end"
        case .addPart(let negative): negative ? "add_negative_part" : "add_positive_part"
        case .removePart: "remove_part"
        case .nudgeWeight(let by): by > 0 ? "weight_up" : "weight_down"
        case .flipSign: "flip_sign"
        case .editPart: "edit_part"
        case .selectPrevious: "select_previous"
        case .selectNext: "select_next"
        case .selectPageUp: "page_up"
        case .selectPageDown: "page_down"
        case .selectFirst: "select_first"
        case .selectLast: "select_last"
        case .cycleSetting(let by): Self.stepName(by, forward: "next_value", backward: "previous_value")
        case .editSetting: "edit_setting"
        case .resetSetting: "reset_setting"
        case .commitField: "accept"
        case .cancelField: "cancel"
        case .refreshChoices: "refresh_choices"
        case .cancelJob: "cancel_job"
        case .clearFinished: "clear_finished"
        case .moveQueued(let by): Self.stepName(by, forward: "send_later", backward: "send_sooner")
        case .retryQueue: "retry_queue"
        case .editImage: "edit_image"
        case .varyImage: "vary_image"
        case .addEditInput: "add_edit_input"
        case .dropEdit: "drop_edit"
        case .fitEditInput(let mode): "\(mode.rawValue)_input"
        case .startInputPath: "add_input_path"
        case .completePath: "complete_path"
        case .moveComparisonChange(let by): Self.stepName(by, forward: "next_change", backward: "previous_change")
        case .remixWithChange: "remix_with_change"
        case .focusSearch: "search"
        case .clearSearch: "clear_search"
        case .openEntries: "open_entries"
        case .backToList: "back_to_list"
        case .cycleProviderFilter: "filter_provider"
        case .cyclePeriodFilter: "filter_date"
        case .cycleModelFilter: "filter_model"
        case .startImport: "import"
        case .toggleLedger: "costs"
        case .syncHistory: "sync"
        case .toggleOrder: "toggle_order"
        case .remix: "remix"
        case .goToParent: "go_to_parent"
        case .goToChild: "go_to_child"
        case .markForComparison: "mark_for_comparison"
        case .closeComparison: "close_comparison"
        case .startRename: "rename"
        case .startDelete: "delete"
        case .confirmDelete: "confirm_delete"
        case .cancelDelete: "cancel_delete"
        case .openViewer: "view"
        case .closeViewer: "close_viewer"
        case .stepImage(let by): Self.stepName(by, forward: "next_image", backward: "previous_image")
        case .toggleZoom: "zoom"
        case .pan(let dx, let dy): Self.directionName(dx: dx, dy: dy, prefix: "pan")
        case .toggleCompare: "compare"
        case .toggleInfo: "info"
        case .startExport: "export"
        case .copyPrompt: "copy_prompt"
        case .copyLink: "copy_link"
        case .mask(let command): command.name
        case .confirmYes: "yes"
        case .confirmNo: "no"
        case .confirmSend: "send_again"
        case .cancelSend: "cancel_send"
        }
    }

    /// `next_value` for 1, `next_value_10` for 10, `previous_value` for -1.
    static func stepName(_ by: Int, forward: String, backward: String) -> String {
        let base = by >= 0 ? forward : backward
        return abs(by) == 1 ? base : "\(base)_\(abs(by))"
    }

    /// `pan_left`, `pan_up`, … (a diagonal names both).
    static func directionName(dx: Int, dy: Int, prefix: String) -> String {
        var parts = [prefix]
        if dy != 0 { parts.append(dy < 0 ? "up" : "down") }
        if dx != 0 { parts.append(dx < 0 ? "left" : "right") }
        return parts.joined(separator: "_")
    }
}

extension MaskCommand {
    /// The mask editor's command names; nil for the mouse's.
    var name: String? {
        switch self {
        case .open: "mask"
        case .move(let dx, let dy): Command.directionName(dx: dx, dy: dy, prefix: "brush")
        case .pan(let dx, let dy): Command.directionName(dx: dx, dy: dy, prefix: "mask_pan")
        case .resizeBrush(let by): by > 0 ? "larger_brush" : "smaller_brush"
        case .stamp: "paint"
        case .erase: "erase"
        case .toggleMode: "brush_mode"
        case .startSelection(let shape):
            switch shape {
            case .rectangle: "rectangle"
            case .ellipse: "ellipse"
            }
        case .fillAll: "mask_all"
        case .clearAll: "clear_mask"
        case .invert: "invert_mask"
        case .undo: "undo"
        case .redo: "redo"
        case .toggleZoom: "mask_zoom"
        case .cycleFeather: "feather"
        case .commit: "mask_commit"
        case .save: "save_mask"
        case .cancel: "leave_mask"
        case .confirmLeave: "leave_unsaved"
        case .stay: "stay"
        case .mousePress, .mouseDrag, .mouseRelease: nil
        }
    }
}
