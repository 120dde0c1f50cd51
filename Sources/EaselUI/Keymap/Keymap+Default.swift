import EaselCore

extension Keymap {
    /// Easel's bindings. Editor keys follow readline (Ctrl-A/E/W/U/K, Alt-b/f); weights follow
    /// the AUTOMATIC1111 habit of nudging emphasis in 0.1 steps.
    public static let standard = Keymap(
        bindings: globalRows + promptRows + partsRows + settingsRows + fieldRows + jobRows + historyRows + imageRows + viewerRows
            + maskRows            + overlayRows)

    private typealias K = KeyPress

    private static let globalRows: [KeyBinding] = [
        KeyBinding([.ctrl("s")], .global, .submit, label: "Ctrl-S", help: "send the composed prompt", hint: "^S send"),
        KeyBinding([K(.tab)], .global, .focusNext, label: "Tab/Shift-Tab", help: "next / previous section", hint: "Tab next"),
        KeyBinding([K(.tab, [.shift])], .global, .focusPrevious, label: "Shift-Tab", help: ""),
        KeyBinding([.alt(.character("1"))], .global, .focusPane(.compose), label: "Alt-1 / 1", help: "compose pane"),
        KeyBinding([.alt(.character("2"))], .global, .focusPane(.progress), label: "Alt-2 / 2", help: "progress pane"),
        KeyBinding([.alt(.character("3"))], .global, .focusPane(.history), label: "Alt-3 / 3", help: "history pane"),
        KeyBinding([K(.function(1))], .global, .toggleHelp, label: "F1 / ?", help: "this help", hint: "F1 help"),
        KeyBinding([.ctrl("z")], .global, .suspend, label: "Ctrl-Z", help: "suspend to the shell"),
        KeyBinding([K(.escape)], .global, .dismiss, label: "Esc", help: "clear the message, close overlays"),
        KeyBinding([.ctrl("c")], .global, .quit, label: "Ctrl-C / q", help: "quit (asks while jobs run)", hint: "^C quit"),
        KeyBinding([.char("q")], .outsideText, .quit, label: "q", help: ""),
        KeyBinding([.char("?")], .outsideText, .toggleHelp, label: "?", help: ""),
        KeyBinding([.char("1")], .outsideText, .focusPane(.compose), label: "1", help: ""),
        KeyBinding([.char("2")], .outsideText, .focusPane(.progress), label: "2", help: ""),
        KeyBinding([.char("3")], .outsideText, .focusPane(.history), label: "3", help: ""),
    ]

    private static let promptRows: [KeyBinding] = [
        KeyBinding([K(.enter)], .prompt, .submit, label: "Enter", help: "send the composed prompt", hint: "Enter send"),
        KeyBinding([.alt(.enter), .ctrl("j")], .prompt, .insertNewline, label: "Alt-Enter / Ctrl-J", help: "new line"),
        KeyBinding([.alt(.up)], .prompt, .nudgeWeight(by: 0.1), label: "Alt-↑/↓", help: "stronger / weaker weight (0.1 steps)", hint: "Alt-↑↓ weight"),
        KeyBinding([.alt(.down)], .prompt, .nudgeWeight(by: -0.1), label: "Alt-↓", help: ""),
        KeyBinding([.alt(.character("=")), .alt(.character("+"))], .prompt, .addPart(negative: false), label: "Alt-+ / Alt--", help: "add a positive / negative part", hint: "Alt-+/- part"),
        KeyBinding([.alt(.character("-"))], .prompt, .addPart(negative: true), label: "Alt--", help: ""),
        KeyBinding([.alt(.character("x"))], .prompt, .dropEdit, label: "Alt-X", help: "stop editing images: back to generating new ones"),
        KeyBinding([.alt(.character("p"))], .prompt, .fitEditInput(.pad), label: "Alt-P / Alt-C", help: "edit input not square: pad it / crop it to a square copy"),
        KeyBinding([.alt(.character("c"))], .prompt, .fitEditInput(.crop), label: "Alt-C", help: ""),
        KeyBinding([.alt(.character("s"))], .prompt, .fitEditInput(.scale), label: "Alt-S", help: "edit input too large or in a format the model refuses: a smaller PNG copy"),
        KeyBinding([K(.left)], .prompt, .cursorLeft, label: "←/→/↑/↓", help: "move the cursor"),
        KeyBinding([K(.right)], .prompt, .cursorRight, label: "→", help: ""),
        KeyBinding([K(.up)], .prompt, .cursorUp, label: "↑", help: ""),
        KeyBinding([K(.down)], .prompt, .cursorDown, label: "↓", help: ""),
        KeyBinding([K(.left, [.control]), .alt(.character("b"))], .prompt, .wordLeft, label: "Ctrl-←/→, Alt-b/f", help: "word left / right"),
        KeyBinding([K(.right, [.control]), .alt(.character("f"))], .prompt, .wordRight, label: "Ctrl-→", help: ""),
        KeyBinding([K(.home), .ctrl("a")], .prompt, .lineStart, label: "Home/End, Ctrl-A/E", help: "start / end of line"),
        KeyBinding([K(.end), .ctrl("e")], .prompt, .lineEnd, label: "End", help: ""),
        KeyBinding([K(.backspace)], .prompt, .deleteBackward, label: "Backspace/Del", help: "delete a character"),
        KeyBinding([K(.delete), .ctrl("d")], .prompt, .deleteForward, label: "Del", help: ""),
        KeyBinding([.ctrl("w"), .alt(.backspace)], .prompt, .deleteWordBackward, label: "Ctrl-W", help: "delete the word before the cursor"),
        KeyBinding([.ctrl("u")], .prompt, .deleteToLineStart, label: "Ctrl-U / Ctrl-K", help: "delete to start / end of line"),
        KeyBinding([.ctrl("k")], .prompt, .deleteToLineEnd, label: "Ctrl-K", help: ""),
    ]

    private static let partsRows: [KeyBinding] = [
        KeyBinding([K(.up), .char("k")], .parts, .selectPrevious, label: "↑/↓, k/j", help: "choose a part"),
        KeyBinding([K(.down), .char("j")], .parts, .selectNext, label: "↓", help: ""),
        KeyBinding([K(.enter), .char("e")], .parts, .editPart, label: "Enter / e", help: "edit the part's text", hint: "Enter edit"),
        KeyBinding([.char("+"), .char("a")], .parts, .addPart(negative: false), label: "+ / -", help: "add a positive / negative part", hint: "+/- add"),
        KeyBinding([.char("-"), .char("n")], .parts, .addPart(negative: true), label: "-", help: ""),
        KeyBinding([.alt(.up), .char("]")], .parts, .nudgeWeight(by: 0.1), label: "Alt-↑/↓, ]/[", help: "stronger / weaker weight (0.1 steps)", hint: "[/] weight"),
        KeyBinding([.alt(.down), .char("[")], .parts, .nudgeWeight(by: -0.1), label: "[", help: ""),
        KeyBinding([.char("s"), .char("!")], .parts, .flipSign, label: "s", help: "make positive ↔ negative", hint: "s sign"),
        KeyBinding([K(.delete), .char("d"), K(.backspace)], .parts, .removePart, label: "Del / d", help: "remove the part", hint: "d remove"),
    ]

    private static let settingsRows: [KeyBinding] = [
        KeyBinding([K(.up), .char("k")], .settings, .selectPrevious, label: "↑/↓, k/j", help: "choose a setting"),
        KeyBinding([K(.down), .char("j")], .settings, .selectNext, label: "↓", help: ""),
        KeyBinding([K(.right), .char("l"), .char(" ")], .settings, .cycleSetting(by: 1), label: "←/→, h/l", help: "previous / next allowed value", hint: "←/→ change"),
        KeyBinding([K(.left), .char("h")], .settings, .cycleSetting(by: -1), label: "←", help: ""),
        KeyBinding([K(.pageDown)], .settings, .cycleSetting(by: 10), label: "PgUp/PgDn", help: "numbers: 10 down / up"),
        KeyBinding([K(.pageUp)], .settings, .cycleSetting(by: -10), label: "PgUp", help: ""),
        KeyBinding([K(.enter), .char("e")], .settings, .editSetting, label: "Enter / e", help: "type a value", hint: "Enter type"),
        KeyBinding([K(.delete), K(.backspace), .char("d")], .settings, .resetSetting, label: "Del / d", help: "back to the default", hint: "d default"),
        KeyBinding([.char("r")], .settings, .refreshChoices, label: "r", help: "ask the server for its checkpoints, samplers and schedulers (a1111)"),
    ]

    private static let fieldRows: [KeyBinding] = [
        KeyBinding([K(.enter)], .field, .commitField, label: "Enter", help: "accept the value", hint: "Enter accept"),
        KeyBinding([K(.escape)], .field, .cancelField, label: "Esc", help: "leave it unchanged", hint: "Esc cancel"),
        KeyBinding([K(.left)], .field, .cursorLeft, label: "←/→", help: "move the cursor"),
        KeyBinding([K(.right)], .field, .cursorRight, label: "→", help: ""),
        KeyBinding([K(.home), .ctrl("a")], .field, .lineStart, label: "Home/End", help: "start / end"),
        KeyBinding([K(.end), .ctrl("e")], .field, .lineEnd, label: "End", help: ""),
        KeyBinding([K(.backspace)], .field, .deleteBackward, label: "Backspace", help: "delete a character"),
        KeyBinding([K(.delete)], .field, .deleteForward, label: "Del", help: ""),
        KeyBinding([.ctrl("u")], .field, .deleteToLineStart, label: "Ctrl-U", help: "clear to the start"),
    ]

    private static let jobRows: [KeyBinding] = [
        KeyBinding([K(.up), .char("k")], .jobs, .selectPrevious, label: "↑/↓, k/j", help: "choose a job"),
        KeyBinding([K(.down), .char("j")], .jobs, .selectNext, label: "↓", help: ""),
        KeyBinding([K(.pageUp)], .jobs, .selectPageUp, label: "PgUp/PgDn", help: "a page up / down"),
        KeyBinding([K(.pageDown)], .jobs, .selectPageDown, label: "PgDn", help: ""),
        KeyBinding([K(.home), .char("g")], .jobs, .selectFirst, label: "Home/End, g/G", help: "newest / oldest job"),
        KeyBinding([K(.end), .char("G")], .jobs, .selectLast, label: "End", help: ""),
        KeyBinding([.char("c"), .char("x"), K(.delete)], .jobs, .cancelJob, label: "c / Del", help: "cancel the job", hint: "c cancel"),
        KeyBinding([.char("C")], .jobs, .clearFinished, label: "C", help: "clear finished jobs", hint: "C clear"),
        KeyBinding([.char("K"), K(.up, [.shift])], .jobs, .moveQueued(by: -1), label: "K / J", help: "queued job: send sooner / later (Shift-↑/↓)"),
        KeyBinding([.char("J"), K(.down, [.shift])], .jobs, .moveQueued(by: 1), label: "J", help: ""),
        KeyBinding([.char("R")], .jobs, .retryQueue, label: "R", help: "retry an unreachable backend: send its queued jobs"),
        KeyBinding([K(.enter), .char("v")], .jobs, .openViewer, label: "Enter / v", help: "view the job's images full screen", hint: "Enter view"),
    ]

    private static let historyRows: [KeyBinding] = [
        KeyBinding([K(.up), .char("k")], .historyList, .selectPrevious, label: "↑/↓, k/j", help: "choose a thread"),
        KeyBinding([K(.down), .char("j")], .historyList, .selectNext, label: "↓", help: ""),
        KeyBinding([K(.pageUp)], .historyList, .selectPageUp, label: "PgUp/PgDn", help: "a page up / down"),
        KeyBinding([K(.pageDown)], .historyList, .selectPageDown, label: "PgDn", help: ""),
        KeyBinding([K(.home), .char("g")], .historyList, .selectFirst, label: "Home/End, g/G", help: "first / last thread"),
        KeyBinding([K(.end), .char("G")], .historyList, .selectLast, label: "End", help: ""),
        KeyBinding([.char("/")], .historyList, .focusSearch, label: "/", help: "search prompts and titles", hint: "/ search"),
        KeyBinding([K(.enter), K(.right), .char("l")], .historyList, .openEntries, label: "Enter / →", help: "the thread's entries", hint: "Enter entries"),
        KeyBinding([.char("r")], .historyList, .remix, label: "r", help: "remix: load the latest request into the composer", hint: "r remix"),
        KeyBinding([.char("f")], .historyList, .cycleProviderFilter, label: "f", help: "filter by provider", hint: "f provider"),
        KeyBinding([.char("t")], .historyList, .cyclePeriodFilter, label: "t", help: "filter by date: 24 h, 7 days, 30 days, all", hint: "t date"),
        KeyBinding([.char("m")], .historyList, .cycleModelFilter, label: "m", help: "filter by model"),
        KeyBinding([.char("o")], .historyList, .toggleOrder, label: "o", help: "newest / oldest first"),
        KeyBinding([.char("i")], .historyList, .startImport, label: "i", help: "import an ai-client thread by its guid"),
        KeyBinding([.char("$")], .historyList, .toggleLedger, label: "$", help: "costs: what the servers reported, per provider and per day", hint: "$ costs"),
        KeyBinding([K(.escape), .char("$"), .char("q")], .ledger, .toggleLedger, label: "Esc / $", help: "close the cost ledger", hint: "Esc close"),
        KeyBinding([.char("S")], .historyList, .syncHistory, label: "S", help: "sync with the ai-client server (new threads, new entries)"),
        KeyBinding([.char("R")], .historyList, .startRename, label: "R", help: "rename the thread"),
        KeyBinding([.char("D"), K(.delete)], .historyList, .startDelete, label: "D / Del", help: "delete the thread from this history"),
        KeyBinding([K(.escape)], .historyList, .clearSearch, label: "Esc", help: "clear the search"),
        KeyBinding([K(.up), .char("k")], .historyEntries, .selectPrevious, label: "↑/↓, k/j", help: "choose an entry"),
        KeyBinding([K(.down), .char("j")], .historyEntries, .selectNext, label: "↓", help: ""),
        KeyBinding([K(.left), .char("h"), K(.escape)], .historyEntries, .backToList, label: "← / Esc", help: "back to the threads", hint: "← threads"),
        KeyBinding([.char("r")], .historyEntries, .remix, label: "r", help: "remix: load this request into the composer", hint: "r remix"),
        KeyBinding([.char("p")], .historyEntries, .goToParent, label: "p", help: "go to the entry this one was made from (edit or variation)"),
        KeyBinding([.char("c")], .historyEntries, .goToChild, label: "c", help: "go to a version made from this entry (again: the next)"),
        KeyBinding([.char("=")], .historyEntries, .markForComparison, label: "=", help: "mark this entry; = on another compares the two"),
        KeyBinding([K(.escape), .char("="), .char("q")], .comparison, .closeComparison, label: "Esc / =", help: "close the comparison", hint: "Esc close"),
        KeyBinding([K(.down), .char("j")], .comparison, .moveComparisonChange(by: 1), label: "↑/↓, k/j", help: "choose a changed field", hint: "↑↓ change"),
        KeyBinding([K(.up), .char("k")], .comparison, .moveComparisonChange(by: -1), label: "↑", help: ""),
        KeyBinding([K(.enter), .char("r")], .comparison, .remixWithChange, label: "Enter / r",
                   help: "again with one change: the older request in the composer, only the chosen field from the newer", hint: "Enter again with it"),
        KeyBinding([K(.enter), .char("v")], .historyEntries, .openViewer, label: "Enter / v",
                   help: "view the entry's images full screen (remix when it has none)", hint: "Enter view"),
        KeyBinding([K(.enter), K(.down)], .historySearch, .backToList, label: "Enter / ↓", help: "go to the results", hint: "Enter results"),
        KeyBinding([K(.escape)], .historySearch, .clearSearch, label: "Esc", help: "clear the search", hint: "Esc clear"),
        KeyBinding([K(.left)], .historySearch, .cursorLeft, label: "←/→", help: "move the cursor"),
        KeyBinding([K(.right)], .historySearch, .cursorRight, label: "→", help: ""),
        KeyBinding([K(.backspace)], .historySearch, .deleteBackward, label: "Backspace", help: "delete a character"),
        KeyBinding([.ctrl("w")], .historySearch, .deleteWordBackward, label: "Ctrl-W", help: "delete a word"),
        KeyBinding([.ctrl("u")], .historySearch, .deleteToLineStart, label: "Ctrl-U", help: "clear"),
        KeyBinding([K(.enter)], .rename, .commitField, label: "Enter", help: "rename", hint: "Enter rename"),
        KeyBinding([K(.escape)], .rename, .cancelField, label: "Esc", help: "leave the title", hint: "Esc cancel"),
        KeyBinding([K(.left)], .rename, .cursorLeft, label: "←/→", help: "move the cursor"),
        KeyBinding([K(.right)], .rename, .cursorRight, label: "→", help: ""),
        KeyBinding([K(.home), .ctrl("a")], .rename, .lineStart, label: "Home/End", help: "start / end"),
        KeyBinding([K(.end), .ctrl("e")], .rename, .lineEnd, label: "End", help: ""),
        KeyBinding([K(.backspace)], .rename, .deleteBackward, label: "Backspace", help: "delete a character"),
        KeyBinding([.ctrl("u")], .rename, .deleteToLineStart, label: "Ctrl-U", help: "clear"),
        KeyBinding([K(.enter)], .importField, .commitField, label: "Enter", help: "import the thread", hint: "Enter import"),
        KeyBinding([K(.escape)], .importField, .cancelField, label: "Esc", help: "do not import", hint: "Esc cancel"),
        KeyBinding([K(.left)], .importField, .cursorLeft, label: "←/→", help: "move the cursor"),
        KeyBinding([K(.right)], .importField, .cursorRight, label: "→", help: ""),
        KeyBinding([K(.backspace)], .importField, .deleteBackward, label: "Backspace", help: "delete a character"),
        KeyBinding([.ctrl("u")], .importField, .deleteToLineStart, label: "Ctrl-U", help: "clear"),
        KeyBinding([.char("y"), .char("Y")], .confirmDelete, .confirmDelete, label: "y", help: "delete it", hint: "y delete"),
        KeyBinding([.char("n"), .char("N"), K(.escape)], .confirmDelete, .cancelDelete, label: "n / Esc", help: "keep it", hint: "n keep"),
    ]

    /// Export and copy work on the selected job's or entry's first image, and in the viewer.
    private static let imageRows: [KeyBinding] = [.jobs, .historyEntries, .viewer].flatMap { context in
        [
            KeyBinding([.char("e")], context, .startExport, label: "e", help: "export the image (with its metadata) to a directory", hint: "e export"),
            // The viewer's bar has its own keys to show (Esc, zoom, mask); F1 lists E there.
            KeyBinding(
                [.char("E")], context, .editImage, label: "E", help: "edit this image: the composer takes it (and its mask) as input",
                hint: context == .viewer ? nil : "E edit"),
            KeyBinding([.char("V")], context, .varyImage, label: "V", help: "make variations of this image (n at once)"),
            KeyBinding([.char("A")], context, .addEditInput, label: "A", help: "add this image to the images being edited"),
            KeyBinding([.char("y")], context, .copyPrompt, label: "y", help: "copy the prompt to the clipboard (OSC 52, works over SSH)", hint: "y copy"),
            KeyBinding([.char("u")], context, .copyLink, label: "u", help: "copy the image's URL (or path) to the clipboard"),
        ]
    }

    private static let viewerRows: [KeyBinding] = [
        KeyBinding([K(.escape), .char("q"), K(.enter)], .viewer, .closeViewer, label: "Esc / q", help: "close the viewer", hint: "Esc close"),
        KeyBinding([.char("n"), K(.pageDown), .char(" ")], .viewer, .stepImage(by: 1), label: "n / p, PgDn/PgUp", help: "next / previous image", hint: "n/p image"),
        KeyBinding([.char("p"), K(.pageUp)], .viewer, .stepImage(by: -1), label: "p", help: ""),
        KeyBinding([.char("z")], .viewer, .toggleZoom, label: "z", help: "zoom: fit to the screen ↔ 1:1", hint: "z zoom"),
        KeyBinding([K(.left), .char("h")], .viewer, .pan(dx: -1, dy: 0), label: "←↑↓→, hjkl", help: "pan at 1:1 (← → step through images when fitted)"),
        KeyBinding([K(.right), .char("l")], .viewer, .pan(dx: 1, dy: 0), label: "→", help: ""),
        KeyBinding([K(.up), .char("k")], .viewer, .pan(dx: 0, dy: -1), label: "↑", help: ""),
        KeyBinding([K(.down), .char("j")], .viewer, .pan(dx: 0, dy: 1), label: "↓", help: ""),
        KeyBinding([.char("c")], .viewer, .toggleCompare, label: "c", help: "compare: pin this image on the left, step on the right", hint: "c compare"),
        KeyBinding([.char("i")], .viewer, .toggleInfo, label: "i", help: "image info on / off"),
        KeyBinding([.char("m")], .viewer, .mask(.open), label: "m", help: "paint a mask on this image (for edits)", hint: "m mask"),
        KeyBinding([K(.enter)], .exportField, .commitField, label: "Enter", help: "export into this directory", hint: "Enter export"),
        KeyBinding([K(.escape)], .exportField, .cancelField, label: "Esc", help: "do not export", hint: "Esc cancel"),
        KeyBinding([K(.left)], .exportField, .cursorLeft, label: "←/→", help: "move the cursor"),
        KeyBinding([K(.right)], .exportField, .cursorRight, label: "→", help: ""),
        KeyBinding([K(.home), .ctrl("a")], .exportField, .lineStart, label: "Home/End", help: "start / end"),
        KeyBinding([K(.end), .ctrl("e")], .exportField, .lineEnd, label: "End", help: ""),
        KeyBinding([K(.backspace)], .exportField, .deleteBackward, label: "Backspace", help: "delete a character"),
        KeyBinding([.ctrl("w")], .exportField, .deleteWordBackward, label: "Ctrl-W", help: "delete a word"),
        KeyBinding([.ctrl("u")], .exportField, .deleteToLineStart, label: "Ctrl-U", help: "clear"),
    ]

    /// The mask editor: no global rows apply (Tab would close it and lose the mask), so help,
    /// quit and suspend are repeated here.
    private static let maskRows: [KeyBinding] = [
        KeyBinding([K(.left), .char("h")], .maskEditor, .mask(.move(dx: -1, dy: 0)), label: "←↑↓→, hjkl", help: "move the brush"),
        KeyBinding([K(.right), .char("l")], .maskEditor, .mask(.move(dx: 1, dy: 0)), label: "→", help: ""),
        KeyBinding([K(.up), .char("k")], .maskEditor, .mask(.move(dx: 0, dy: -1)), label: "↑", help: ""),
        KeyBinding([K(.down), .char("j")], .maskEditor, .mask(.move(dx: 0, dy: 1)), label: "↓", help: ""),
        KeyBinding([.char(" ")], .maskEditor, .mask(.stamp), label: "Space", help: "paint (or erase, in erase mode) under the brush; fill a shape", hint: "Space paint"),
        KeyBinding([.char("x")], .maskEditor, .mask(.erase), label: "x", help: "erase under the brush", hint: "x erase"),
        KeyBinding([.char("e")], .maskEditor, .mask(.toggleMode), label: "e", help: "brush mode: paint ↔ erase"),
        KeyBinding([.char("]")], .maskEditor, .mask(.resizeBrush(by: 1)), label: "[ / ]", help: "smaller / larger brush", hint: "[/] brush"),
        KeyBinding([.char("[")], .maskEditor, .mask(.resizeBrush(by: -1)), label: "[", help: ""),
        KeyBinding([.char("r")], .maskEditor, .mask(.startSelection(.rectangle)), label: "r / o", help: "rectangle / ellipse from the brush: move to size it, Enter or Space fills", hint: "r/o shape"),
        KeyBinding([.char("o")], .maskEditor, .mask(.startSelection(.ellipse)), label: "o", help: ""),
        KeyBinding([.char("f")], .maskEditor, .mask(.fillAll), label: "f / C", help: "mask everything / clear the mask"),
        KeyBinding([.char("C")], .maskEditor, .mask(.clearAll), label: "C", help: ""),
        KeyBinding([.char("i")], .maskEditor, .mask(.invert), label: "i", help: "invert the mask"),
        KeyBinding([.char("u")], .maskEditor, .mask(.undo), label: "u / U, Ctrl-R", help: "undo / redo", hint: "u undo"),
        KeyBinding([.char("U"), .ctrl("r")], .maskEditor, .mask(.redo), label: "U", help: ""),
        KeyBinding([.char("z")], .maskEditor, .mask(.toggleZoom), label: "z", help: "zoom: fit ↔ 1:1 around the brush"),
        KeyBinding([.char("H"), K(.left, [.shift])], .maskEditor, .mask(.pan(dx: -1, dy: 0)), label: "HJKL, Shift-arrows", help: "pan at 1:1"),
        KeyBinding([.char("L"), K(.right, [.shift])], .maskEditor, .mask(.pan(dx: 1, dy: 0)), label: "L", help: ""),
        KeyBinding([.char("K"), K(.up, [.shift])], .maskEditor, .mask(.pan(dx: 0, dy: -1)), label: "K", help: ""),
        KeyBinding([.char("J"), K(.down, [.shift])], .maskEditor, .mask(.pan(dx: 0, dy: 1)), label: "J", help: ""),
        KeyBinding([.char("F")], .maskEditor, .mask(.cycleFeather), label: "F", help: "feather the saved edge: 0, 2, 4, 8, 16 px"),
        KeyBinding([K(.enter)], .maskEditor, .mask(.commit), label: "Enter", help: "fill the shape, else save the mask", hint: "Enter save"),
        KeyBinding([.char("w")], .maskEditor, .mask(.save), label: "w", help: "save the mask (PNG, transparent = change)"),
        KeyBinding([K(.escape), .char("q")], .maskEditor, .mask(.cancel), label: "Esc / q", help: "drop the shape, else leave (asks when unsaved)", hint: "Esc leave"),
        KeyBinding([K(.function(1)), .char("?")], .maskEditor, .toggleHelp, label: "F1 / ?", help: "help"),
        KeyBinding([.ctrl("c")], .maskEditor, .quit, label: "Ctrl-C", help: "quit Easel"),
        KeyBinding([.ctrl("z")], .maskEditor, .suspend, label: "Ctrl-Z", help: "suspend to the shell"),
        KeyBinding([.char("y"), .char("Y")], .confirmLeaveMask, .mask(.confirmLeave), label: "y", help: "leave without saving", hint: "y leave"),
        KeyBinding([.char("n"), .char("N"), K(.escape)], .confirmLeaveMask, .mask(.stay), label: "n / Esc", help: "keep editing", hint: "n stay"),
        KeyBinding([.ctrl("c")], .confirmLeaveMask, .quit, label: "Ctrl-C", help: ""),
    ]

    private static let overlayRows: [KeyBinding] = [
        KeyBinding([K(.escape), .char("?"), .char("q"), K(.function(1))], .help, .toggleHelp, label: "Esc / ?", help: "close help", hint: "Esc close"),
        KeyBinding([K(.up), .char("k")], .help, .selectPrevious, label: "↑/↓, PgUp/PgDn", help: "scroll", hint: "↑↓ scroll"),
        KeyBinding([K(.down), .char("j")], .help, .selectNext, label: "↓", help: ""),
        KeyBinding([K(.pageUp)], .help, .selectPageUp, label: "PgUp", help: ""),
        KeyBinding([K(.pageDown), .char(" ")], .help, .selectPageDown, label: "PgDn", help: ""),
        KeyBinding([.char("y"), .char("Y"), .ctrl("c")], .confirmQuit, .confirmYes, label: "y", help: "quit now", hint: "y quit"),
        KeyBinding([.char("n"), .char("N"), K(.escape)], .confirmQuit, .confirmNo, label: "n / Esc", help: "keep going", hint: "n stay"),
        KeyBinding([.char("y"), .char("Y")], .confirmSend, .confirmSend, label: "y", help: "send it again", hint: "y send"),
        // Ctrl-C answers no, so a second Ctrl-C quits as usual.
        KeyBinding([.char("n"), .char("N"), K(.escape), .ctrl("c")], .confirmSend, .cancelSend, label: "n / Esc", help: "do not send", hint: "n keep"),
    ]
}
