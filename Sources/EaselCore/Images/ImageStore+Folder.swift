import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ImageStore {
    /// Makes sure images can be saved in `directory` before anything is paid for: creates it if
    /// missing, then creates and removes a file in it. Throws the reason, naming the folder.
    public func checkFolder() throws(ImageStoreError) {
        let path = directory.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .io("\(path) is not a folder")
        }
        // The same steps saving takes: create the folder, then a hidden file in it.
        let probe = try TemporaryFile(in: directory)
        probe.discard()
    }
}
