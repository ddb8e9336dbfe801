/// A value kept in one shared storage and copied on the first change while another copy shares it, as Swift's
/// arrays and strings are. For the large model types a list holds thousands of: each copy of them (the loader's
/// page, the record, the UI's row, the event between them, a dictionary key) costs a reference, not the
/// value's every member.
struct CopyOnWrite<Value: Hashable & Sendable>: Hashable, Sendable {
    /// Changed only while one `CopyOnWrite` holds it (`value`'s setter), so sharing it between threads is safe.
    private final class Storage: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage

    init(_ value: Value) {
        storage = Storage(value)
    }

    var value: Value {
        get { storage.value }
        set {
            if isKnownUniquelyReferenced(&storage) {
                storage.value = newValue
            } else {
                storage = Storage(newValue)
            }
        }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.value == rhs.storage.value
    }

    func hash(into hasher: inout Hasher) {
        storage.value.hash(into: &hasher)
    }
}
