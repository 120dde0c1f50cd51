/// The XMP packet Easel writes into JPEG APP1 segments and WebP `XMP ` chunks: one property
/// in Easel's own namespace holding the JSON record, XML-escaped.
public enum XMPPacket {
    /// Easel's XMP namespace. XMP namespaces are plain identifiers, never fetched.
    public static let namespace = "https://easel.invalid/ns/1.0/"
    /// What precedes the packet in a JPEG APP1 segment.
    static let jpegPrefix: [UInt8] = Array("http://ns.adobe.com/xap/1.0/".utf8) + [0]
    /// What precedes an extended-XMP continuation in a JPEG APP1 segment.
    static let jpegExtensionPrefix: [UInt8] = Array("http://ns.adobe.com/xmp/extension/".utf8) + [0]

    /// The packet text for `recordJSON`, as UTF-8.
    static func packet(recordJSON: String) -> [UInt8] {
        let packet = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about="" xmlns:easel="\(namespace)">
               <easel:record>\(xmlEscaped(xmlSafeJSON(recordJSON)))</easel:record>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
        return Array(packet.utf8)
    }

    /// Escapes the five XML special characters.
    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// XML 1.0 cannot carry U+FFFE, U+FFFF or C0 controls other than tab, LF and CR, not even
    /// as character references. In JSON text such characters can only sit inside strings,
    /// where a `\uXXXX` escape means the same, so they are written that way.
    static func xmlSafeJSON(_ json: String) -> String {
        var result = ""
        for scalar in json.unicodeScalars {
            let forbidden = (scalar.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(scalar.value))
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            if forbidden {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The Easel record JSON from an XMP packet: the text of the `record` element in Easel's
    /// namespace (whatever prefix the packet binds it to), with XML references resolved.
    /// Nil when the packet has no such element.
    static func recordJSON(in packet: String) -> String? {
        guard let prefix = prefix(boundTo: namespace, in: packet) else { return nil }
        let open = "<\(prefix):record>"
        let close = "</\(prefix):record>"
        guard let start = packet.range(ofLiteral: open), let end = packet.range(ofLiteral: close, from: start.upperBound)
        else { return nil }
        // Sliced as scalars: the indices come from a scalar search and need not fall on
        // Character boundaries.
        return xmlUnescaped(Substring(packet.unicodeScalars[start.upperBound..<end.lowerBound]))
    }

    /// The prefix of the first `xmlns:prefix="uri"` (or single-quoted) declaration of `uri`.
    private static func prefix(boundTo uri: String, in packet: String) -> String? {
        for quote in ["\"", "'"] {
            guard let declaration = packet.range(ofLiteral: "=\(quote)\(uri)\(quote)") else { continue }
            let before = packet[..<declaration.lowerBound]
            guard let colon = before.lastIndex(of: ":") else { continue }
            let name = before[before.index(after: colon)...]
            let xmlns = before[..<colon]
            guard xmlns.hasSuffix("xmlns"), !name.isEmpty,
                name.unicodeScalars.allSatisfy({ PythonText.isWordCharacter($0) || $0 == "-" || $0 == "." })
            else { continue }
            return String(name)
        }
        return nil
    }

    /// Resolves `&amp;`-style entities and `&#…;` character references; unknown or broken
    /// references stay as written.
    static func xmlUnescaped(_ text: Substring) -> String {
        var result = ""
        var rest = text
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest[afterAmpersand...]
                continue
            }
            let name = rest[afterAmpersand..<semicolon]
            if let replacement = entity(String(name)) {
                result.unicodeScalars.append(replacement)
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[afterAmpersand...]
            }
        }
        return result + rest
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
