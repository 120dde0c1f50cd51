import Hummingbird

/// Holds every answer back by a fixed time, as a network round trip would.
struct LatencyMiddleware<Context: RequestContext>: RouterMiddleware {
    let delay: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await Task.sleep(for: delay)
        return try await next(request, context)
    }
}
