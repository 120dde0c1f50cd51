/// A JSON value whose object keys keep the order they were given in, for reports with a
/// fixed, readable field order.
indirect enum OrderedJSON {
    case null
    case int(Int)
    case string(String)
    case array([OrderedJSON])
    case object([(key: String, value: OrderedJSON)])
}
