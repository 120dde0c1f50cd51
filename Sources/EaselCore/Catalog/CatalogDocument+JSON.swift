import EaselImage

// `catalog.json` read field by field from a parsed JSON tree. Decoding it with `JSONDecoder`
// instantiated the generic containers of every catalog type on the way to the studio's first
// frame, each instantiation scanning the binary's protocol conformances: 5 ms of a launch of
// 18. This reads the same fields with the same rules — a missing or null optional is nil,
// unknown keys are ignored, enums by raw value, a setting's default is text, a whole number or
// a flag — and the tests hold it to the Decodable conformances, which stay as the reference.

extension CatalogDocument {
    init(json: JSONValue) throws(CatalogError) {
        let document = try CatalogObject(json, path: "catalog")
        checked = try document.string("checked")
        providers = try document.objects("providers").map { object throws(CatalogError) in try Provider(object) }
        templates = try document.optionalDictionary("templates").map { templates throws(CatalogError) in
            try each(templates) { object throws(CatalogError) in try Template(object) }
        }
        inputRules = try document.optionalDictionary("inputRules").map { rules throws(CatalogError) in
            try each(rules) { object throws(CatalogError) in try InputRules(catalog: object) }
        }
    }
}

extension CatalogDocument.Template {
    fileprivate init(_ object: CatalogObject) throws(CatalogError) {
        prompt = try object.optionalObject("prompt").map { object throws(CatalogError) in try PromptRules(catalog: object) }
        settings = try object.objects("settings").map { object throws(CatalogError) in try SettingSpec(catalog: object) }
        edit = try object.optionalObject("edit").map { object throws(CatalogError) in try CatalogDocument.Operation(object) }
        variation = try object.optionalObject("variation").map { object throws(CatalogError) in try CatalogDocument.Operation(object) }
    }
}

extension CatalogDocument.Operation {
    fileprivate init(_ object: CatalogObject) throws(CatalogError) {
        inputs = try object.string("inputs")
        inherits = try object.string("inherits")
    }
}

extension CatalogDocument.Model {
    fileprivate init(_ object: CatalogObject) throws(CatalogError) {
        id = try object.string("id")
        name = try object.string("name")
        prompt = try object.optionalObject("prompt").map { object throws(CatalogError) in try PromptRules(catalog: object) }
        settings = try object.optionalObjects("settings")?.map { object throws(CatalogError) in try SettingSpec(catalog: object) }
        inherits = try object.optionalString("inherits")
        retired = try object.optionalObject("retired").map { object throws(CatalogError) in try Retirement(catalog: object) }
        edit = try object.optionalObject("edit").map { object throws(CatalogError) in try CatalogDocument.Operation(object) }
        variation = try object.optionalObject("variation").map { object throws(CatalogError) in try CatalogDocument.Operation(object) }
    }
}

extension CatalogDocument.Provider {
    fileprivate init(_ object: CatalogObject) throws(CatalogError) {
        id = ProviderID(rawValue: try object.string("id"))
        name = try object.string("name")
        wire = try object.rawValue("wire", as: WireFormat.self)
        defaultBaseURL = try object.string("defaultBaseURL")
        defaultModel = try object.string("defaultModel")
        models = try object.objects("models").map { object throws(CatalogError) in try CatalogDocument.Model(object) }
        profile = try object.optionalObject("profile").map { object throws(CatalogError) in try ProviderProfile(catalog: object) }
    }
}

extension ProviderProfile {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(
            route: try object.optionalRawValue("route", as: Route.self) ?? .standard,
            keyHeader: try object.optionalRawValue("keyHeader", as: KeyHeader.self) ?? .bearer,
            keyRequired: try object.optionalBool("keyRequired") ?? true,
            openModels: try object.optionalBool("openModels") ?? false,
            local: try object.optionalBool("local") ?? false)
    }
}

extension PromptRules {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(maxLength: try object.int("maxLength"), weights: try object.bool("weights"), negative: try object.bool("negative"))
    }
}

extension Retirement {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(host: try object.string("host"), date: try object.string("date"), replacement: try object.string("replacement"))
    }
}

extension InputRules {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(
            field: try object.string("field"), maxImages: try object.int("maxImages"),
            formats: try object.rawValues("formats", as: ImageFormat.self), maxBytes: try object.int("maxBytes"),
            square: try object.bool("square"), maxSide: try object.optionalInt("maxSide"),
            mask: try object.optionalObject("mask").map { object throws(CatalogError) in try MaskRules(catalog: object) })
    }
}

extension MaskRules {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(
            formats: try object.rawValues("formats", as: ImageFormat.self), maxBytes: try object.int("maxBytes"),
            alpha: try object.bool("alpha"), sameSize: try object.bool("sameSize"))
    }
}

extension SettingSpec {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(
            name: SettingName(rawValue: try object.string("name")), wire: try object.optionalString("wire"),
            kind: try object.rawValue("kind", as: SettingKind.self), values: try object.optionalStrings("values"),
            min: try object.optionalInt("min"), max: try object.optionalInt("max"),
            rule: try object.optionalObject("rule").map { object throws(CatalogError) in try SizeRule(catalog: object) },
            default: try object.optionalSettingValue("default"),
            byEngine: try object.optionalDictionary("byEngine").map { engines throws(CatalogError) in
                try each(engines) { object throws(CatalogError) in try SettingOverride(catalog: object) }
            },
            local: try object.optionalBool("local"))
    }
}

extension SettingOverride {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(
            values: try object.optionalStrings("values"),
            rule: try object.optionalObject("rule").map { object throws(CatalogError) in try SizeRule(catalog: object) },
            min: try object.optionalInt("min"), max: try object.optionalInt("max"), default: try object.optionalSettingValue("default"))
    }
}

extension SizeRule {
    fileprivate init(catalog object: CatalogObject) throws(CatalogError) {
        self.init(
            minSide: try object.optionalInt("minSide"), maxSide: try object.optionalInt("maxSide"),
            multipleOf: try object.optionalInt("multipleOf"), minPixels: try object.optionalInt("minPixels"),
            maxPixels: try object.optionalInt("maxPixels"), maxAspect: try object.optionalDouble("maxAspect"))
    }
}

/// `mapValues` with the catalog's typed error.
private func each<Value>(
    _ objects: [String: CatalogObject], _ read: (CatalogObject) throws(CatalogError) -> Value
) throws(CatalogError) -> [String: Value] {
    var values: [String: Value] = [:]
    for (name, object) in objects { values[name] = try read(object) }
    return values
}

/// One JSON object of the catalog and where it is (`catalog.providers[2].models[0]`), for
/// errors that say which field is wrong.
private struct CatalogObject {
    let fields: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) throws(CatalogError) {
        guard case .object(let fields) = value else { throw .malformed(path, expected: "an object") }
        self.fields = fields
        self.path = path
    }

    /// The field's value; nil when it is missing or null, as `decodeIfPresent` has it.
    private func present(_ key: String) -> JSONValue? {
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    private func required(_ key: String, _ expected: String) throws(CatalogError) -> JSONValue {
        guard let value = present(key) else { throw .malformed("\(path).\(key)", expected: expected) }
        return value
    }

    func string(_ key: String) throws(CatalogError) -> String {
        guard case .string(let text) = try required(key, "a string") else { throw .malformed("\(path).\(key)", expected: "a string") }
        return text
    }

    func optionalString(_ key: String) throws(CatalogError) -> String? {
        guard present(key) != nil else { return nil }
        return try string(key)
    }

    func int(_ key: String) throws(CatalogError) -> Int {
        guard let number = Self.integer(try required(key, "a whole number")) else {
            throw .malformed("\(path).\(key)", expected: "a whole number")
        }
        return number
    }

    func optionalInt(_ key: String) throws(CatalogError) -> Int? {
        guard present(key) != nil else { return nil }
        return try int(key)
    }

    func optionalDouble(_ key: String) throws(CatalogError) -> Double? {
        guard let value = present(key) else { return nil }
        guard case .number(let literal) = value, let number = Double(literal) else {
            throw .malformed("\(path).\(key)", expected: "a number")
        }
        return number
    }

    func bool(_ key: String) throws(CatalogError) -> Bool {
        guard case .bool(let flag) = try required(key, "true or false") else { throw .malformed("\(path).\(key)", expected: "true or false") }
        return flag
    }

    func optionalBool(_ key: String) throws(CatalogError) -> Bool? {
        guard present(key) != nil else { return nil }
        return try bool(key)
    }

    func rawValue<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(CatalogError) -> Value {
        let text = try string(key)
        guard let value = Value(rawValue: text) else { throw .malformed("\(path).\(key)", expected: "a known value, not \(text)") }
        return value
    }

    func optionalRawValue<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(CatalogError) -> Value? {
        guard present(key) != nil else { return nil }
        return try rawValue(key, as: type)
    }

    func rawValues<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(CatalogError) -> [Value] {
        guard case .array(let items) = try required(key, "a list") else { throw .malformed("\(path).\(key)", expected: "a list") }
        var values: [Value] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, let value = Value(rawValue: text) else {
                throw .malformed("\(path).\(key)[\(index)]", expected: "a known value")
            }
            values.append(value)
        }
        return values
    }

    func optionalStrings(_ key: String) throws(CatalogError) -> [String]? {
        guard let value = present(key) else { return nil }
        guard case .array(let items) = value else { throw .malformed("\(path).\(key)", expected: "a list of strings") }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw .malformed("\(path).\(key)[\(index)]", expected: "a string") }
            strings.append(text)
        }
        return strings
    }

    /// A setting's value: text, a whole number or a flag, as `SettingValue` decodes one.
    func optionalSettingValue(_ key: String) throws(CatalogError) -> SettingValue? {
        guard let value = present(key) else { return nil }
        switch value {
        case .string(let text): return .text(text)
        case .bool(let flag): return .boolean(flag)
        case .number:
            guard let number = Self.integer(value) else { throw .malformed("\(path).\(key)", expected: "text, a whole number or a flag") }
            return .integer(number)
        default:
            throw .malformed("\(path).\(key)", expected: "text, a whole number or a flag")
        }
    }

    func objects(_ key: String) throws(CatalogError) -> [CatalogObject] {
        guard case .array(let items) = try required(key, "a list") else { throw .malformed("\(path).\(key)", expected: "a list") }
        var objects: [CatalogObject] = []
        for (index, item) in items.enumerated() {
            objects.append(try CatalogObject(item, path: "\(path).\(key)[\(index)]"))
        }
        return objects
    }

    func optionalObjects(_ key: String) throws(CatalogError) -> [CatalogObject]? {
        guard present(key) != nil else { return nil }
        return try objects(key)
    }

    func optionalObject(_ key: String) throws(CatalogError) -> CatalogObject? {
        guard let value = present(key) else { return nil }
        return try CatalogObject(value, path: "\(path).\(key)")
    }

    func optionalDictionary(_ key: String) throws(CatalogError) -> [String: CatalogObject]? {
        guard let value = present(key) else { return nil }
        guard case .object(let fields) = value else { throw .malformed("\(path).\(key)", expected: "an object") }
        var objects: [String: CatalogObject] = [:]
        for (name, item) in fields {
            objects[name] = try CatalogObject(item, path: "\(path).\(key).\(name)")
        }
        return objects
    }

    /// A whole number as `JSONDecoder` reads an `Int`: an integer literal, or a number literal
    /// whose value is exactly a whole number (`3.0`, `1e3`).
    private static func integer(_ value: JSONValue) -> Int? {
        guard case .number(let literal) = value else { return nil }
        if let number = Int(literal) { return number }
        guard let number = Double(literal), number.isFinite, number == number.rounded(), abs(number) < 9e15 else { return nil }
        return Int(number)
    }
}
