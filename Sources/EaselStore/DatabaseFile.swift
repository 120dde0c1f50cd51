import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes the history's folder and file exist with owner-only permissions before SQLite opens it.
///
/// SQLite would create the file itself, but with 0644 less the umask: prompts are private, so the
/// file is made 0600 first. SQLite gives the `-wal` and `-shm` files the main file's mode.
enum DatabaseFile {
    static func prepare(_ url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path: url.path, reason: "cannot create the folder \(folder.path)")
        }
        // O_EXCL: only a file that does not exist yet is created, never one SQLite already has
        // open. Closing a descriptor drops every POSIX lock this process holds on the file, so
        // an existing database is never opened here.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw StoreError.cannotOpen(path: url.path, reason: String(cString: strerror(errno)))
        }
        // chmod by path, not through a descriptor, for the same reason.
        if chmod(url.path, 0o600) != 0, errno != EPERM {
            throw StoreError.cannotOpen(path: url.path, reason: String(cString: strerror(errno)))
        }
    }
}
