/// Easel's version, as `easel --version` prints it and saved images record it.
public enum EaselVersion {
    public static let current = "0.5.0"
}
