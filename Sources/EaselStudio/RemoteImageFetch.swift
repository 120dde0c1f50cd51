import EaselCore
import Foundation
import Synchronization

/// Fetches images only the server has (history entries mirrored from ai-client), for the
/// picture maker's queue. No credentials are sent: image URLs are public links.
public enum RemoteImageFetch {
    /// The largest remote image fetched for a preview.
    public static let maxBytes = 32 << 20

    /// A fetch through `sender`, blocking the picture maker's own queue (never the studio's
    /// loop) until the answer or the timeout.
    public static func make(sender: RequestSender, timeout: Duration = .seconds(60)) -> PictureMaker.Fetch {
        { url in
            let outcome = Mutex<Result<[UInt8], PreviewFailure>>(.failure(PreviewFailure("the fetch did not finish")))
            let done = DispatchSemaphore(value: 0)
            Task {
                let request = OutgoingRequest(method: "GET", url: url, headers: [("Accept", "image/*")], timeout: timeout)
                let result: Result<[UInt8], PreviewFailure>
                do {
                    let response = try await sender.send(request, kind: .idempotent, maxBodyBytes: maxBytes)
                    result = response.isSuccess ? .success(response.body) : .failure(PreviewFailure("the server answered HTTP \(response.status)"))
                } catch {
                    result = .failure(PreviewFailure("cannot fetch the image: \(error)", reachedServer: false))
                }
                outcome.withLock { $0 = result }
                done.signal()
            }
            done.wait()
            return outcome.withLock { $0 }
        }
    }
}
