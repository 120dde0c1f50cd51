import EaselCore
import EaselImage

/// The txt2img body's types as the web UI's pydantic model declares them, checked the way
/// FastAPI does before any work: every wrong field is listed in a 422 `{detail: [{loc, msg,
/// type}]}`. Fields the sandbox does not know are ignored, as the model ignores extras.
enum A1111Fields {
    enum Kind {
        case string, integer, number, boolean, object, strings
    }

    /// What img2img's model adds to txt2img's.
    static let img2imgKinds: [String: Kind] = [
        "init_images": .strings, "mask": .string, "denoising_strength": .number, "mask_blur": .integer,
        "inpainting_fill": .integer, "inpaint_full_res": .boolean, "inpaint_full_res_padding": .integer,
        "inpainting_mask_invert": .integer, "resize_mode": .integer, "include_init_images": .boolean,
    ]

    static let kinds: [String: Kind] = [
        "prompt": .string, "negative_prompt": .string, "sampler_name": .string, "scheduler": .string,
        "force_task_id": .string, "sampler_index": .string,
        "seed": .integer, "steps": .integer, "width": .integer, "height": .integer, "batch_size": .integer, "n_iter": .integer,
        "cfg_scale": .number,
        "send_images": .boolean, "save_images": .boolean, "override_settings_restore_afterwards": .boolean,
        "override_settings": .object,
    ]

    /// The validation errors of `fields`, in FastAPI's shape; empty when every type is right.
    static func problems(_ fields: [String: JSONValue], img2img: Bool = false) -> [JSONValue] {
        fields.keys.sorted().compactMap { name -> JSONValue? in
            guard let kind = kinds[name] ?? (img2img ? img2imgKinds[name] : nil), let value = fields[name], value != .null else { return nil }
            let (fits, message, type): (Bool, String, String)
            switch kind {
            case .string: (fits, message, type) = (value.stringValue != nil, "str type expected", "type_error.str")
            case .integer:
                let whole: Bool
                whole = value.integerValue != nil
                (fits, message, type) = (whole, "value is not a valid integer", "type_error.integer")
            case .number:
                let numeric: Bool
                switch value {
                case .number: numeric = true
                default: numeric = false
                }
                (fits, message, type) = (numeric, "value is not a valid float", "type_error.float")
            case .boolean:
                let flag: Bool
                if case .bool = value { flag = true } else { flag = false }
                (fits, message, type) = (flag, "value could not be parsed to a boolean", "type_error.bool")
            case .strings:
                // pydantic names the first item that is not a string; a non-list is refused whole.
                guard let items = value.arrayValue else {
                    return .object(["loc": .array([.string("body"), .string(name)]), "msg": .string("value is not a valid list"), "type": .string("type_error.list")])
                }
                guard let bad = items.firstIndex(where: { $0.stringValue == nil }) else { return nil }
                return .object([
                    "loc": .array([.string("body"), .string(name), .int(bad)]), "msg": .string("str type expected"), "type": .string("type_error.str"),
                ])
            case .object:
                let object: Bool
                if case .object = value { object = true } else { object = false }
                (fits, message, type) = (object, "value is not a valid dict", "type_error.dict")
            }
            guard !fits else { return nil }
            return .object(["loc": .array([.string("body"), .string(name)]), "msg": .string(message), "type": .string(type)])
        }
    }
}
