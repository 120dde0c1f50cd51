import ArgumentParser

/// Where a command's request goes and where its images land, the same for `generate`, `edit`
/// and `vary`: a base URL overriding the environment and config, Azure's deployment and API
/// version, and the output folder.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "The provider's base URL (overrides the environment and config).")
    var baseURL: String?

    @Option(help: "Azure: the deployment to send to (default: the model id).")
    var deployment: String?

    @Option(name: .customLong("api-version"), help: "Azure: a dated API version (YYYY-MM-DD[-preview]) for the deployments URL; default: the v1 API.")
    var apiVersion: String?

    @Option(help: "Directory to save images in (default: Easel's data directory).")
    var out: String?
}
