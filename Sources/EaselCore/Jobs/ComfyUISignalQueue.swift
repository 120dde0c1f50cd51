/// The signals of a `ComfyUISocket` waiting for the job to take them: a bounded buffer (when it
/// is full the oldest preview goes first, then the oldest message) and one waiter at a time,
/// released by a signal, by its timeout or by the end of the connection.
actor ComfyUISignalQueue {
    private var buffer: [ComfyUISocket.Signal] = []
    private var waiter: CheckedContinuation<ComfyUISocket.Signal?, Never>?
    private var waiterNumber = 0
    /// The current wait's timeout, cancelled when a signal ends the wait first.
    private var timer: Task<Void, Never>?
    private var finished = false
    static let capacity = 512

    func push(_ signal: ComfyUISocket.Signal) {
        if let waiter {
            self.waiter = nil
            timer?.cancel()
            timer = nil
            waiter.resume(returning: signal)
            return
        }
        buffer.append(signal)
        if buffer.count > Self.capacity {
            let preview = buffer.firstIndex { if case .event(.preview) = $0 { true } else { false } }
            buffer.remove(at: preview ?? 0)
        }
    }

    func finish() {
        finished = true
        waiter?.resume(returning: nil)
        waiter = nil
    }

    func next(within timeout: Duration) async -> ComfyUISocket.Signal? {
        if !buffer.isEmpty { return buffer.removeFirst() }
        if finished || Task.isCancelled { return nil }
        waiterNumber += 1
        let number = waiterNumber
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiter = continuation
                timer = Task {
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    self.expire(number)
                }
            }
        } onCancel: {
            Task { await self.expire(number) }
        }
    }

    private func expire(_ number: Int) {
        guard number == waiterNumber, let waiter else { return }
        self.waiter = nil
        waiter.resume(returning: nil)
    }
}
