import EaselCore

extension Reducer {
    /// The entries of the group holding `index`: the request at or before it and the responses
    /// after that request.
    static func entryGroup(_ entries: [EntryRow], at index: Int) -> Range<Int> {
        guard entries.indices.contains(index) else { return 0..<0 }
        let start = entries[...index].lastIndex { $0.isRequest } ?? 0
        let end = entries[(index + 1)...].firstIndex { $0.isRequest } ?? entries.count
        return start..<end
    }

    /// The lineage of the selected entry: its own, else the first of its group's (a request's
    /// lineage is its response's, where the store keeps it).
    static func selectedLineage(_ state: AppState) -> EntryLineage? {
        let entries = state.history.entries
        let index = state.history.selectedEntry
        guard entries.indices.contains(index) else { return nil }
        if let own = entries[index].lineage { return own }
        return entries[entryGroup(entries, at: index)].lazy.compactMap(\.lineage).first
    }

    /// `p`: the entry the selected one was made from.
    static func goToParent(_ state: inout AppState) -> [Effect] {
        guard state.focus == .historyEntries, state.history.entries.indices.contains(state.history.selectedEntry) else { return [] }
        state.history.childWalk = nil
        guard let parent = selectedLineage(state)?.parent else {
            state.message = StatusMessage("this entry was not made from another")
            return []
        }
        return selectLinked(&state, parent)
    }

    /// `c`: the first version made from the selected entry; pressed again on the version it went
    /// to (with siblings), the next one.
    static func goToChild(_ state: inout AppState) -> [Effect] {
        let entries = state.history.entries
        guard state.focus == .historyEntries, entries.indices.contains(state.history.selectedEntry) else { return [] }
        let selectedID = entries[state.history.selectedEntry].id
        if var walk = state.history.childWalk, walk.current.id == selectedID, walk.children.count > 1 {
            walk.index = (walk.index + 1) % walk.children.count
            state.history.childWalk = walk
            state.message = StatusMessage("version \(walk.index + 1) of \(walk.children.count)")
            return selectLinked(&state, walk.current)
        }
        guard let children = selectedLineage(state)?.children, !children.isEmpty else {
            state.history.childWalk = nil
            state.message = StatusMessage("no versions were made from this entry")
            return []
        }
        state.history.childWalk = ChildWalk(children: children, index: 0)
        state.message = StatusMessage(children.count > 1 ? "version 1 of \(children.count) (c again: the next)" : "its only version")
        return selectLinked(&state, children[0])
    }

    /// Selects a linked entry: here when it is in the thread shown, else after its thread loads.
    private static func selectLinked(_ state: inout AppState, _ linked: LinkedEntry) -> [Effect] {
        if linked.thread == state.history.entriesThread, let index = state.history.entries.firstIndex(where: { $0.id == linked.id }) {
            state.history.selectedEntry = index
            return []
        }
        state.history.pendingEntry = linked.id
        // The thread list follows when the thread is in it (not while searching: the hits stay).
        if state.history.hits == nil, let row = state.history.threads.firstIndex(where: { $0.id == linked.thread }) {
            state.history.selected = row
        }
        let effects = showEntries(&state, of: linked.thread)
        if state.history.entriesReady { selectPendingEntry(&state) }
        return effects
    }

    /// `=`: marks the selected entry, or compares it with the one marked (`=` on the marked one
    /// again unmarks it).
    static func markForComparison(_ state: inout AppState) {
        let entries = state.history.entries
        let index = state.history.selectedEntry
        guard state.focus == .historyEntries, entries.indices.contains(index) else { return }
        let group = entries[entryGroup(entries, at: index)]
        let request = group.lazy.compactMap(\.request).first
        let image = (entries[index].images + group.flatMap(\.images)).first
        let side = ComparedEntry(id: entries[index].id, created: entries[index].created, request: request, image: image)
        guard let mark = state.history.compareMark else {
            state.history.compareMark = side
            state.message = StatusMessage("marked #\(side.id): choose another entry and press \(state.key(.markForComparison, in: .historyEntries)) to compare")
            return
        }
        state.history.compareMark = nil
        if mark.id == side.id {
            state.message = StatusMessage("unmarked #\(side.id)")
            return
        }
        state.history.comparison = EntryComparison(mark, side)
        state.message = nil
    }
}
