/// A table while the document is being read: it can still gain keys, and it knows how it came to be,
/// which decides what may still add to it. Becomes a `TOMLTable` value when the document is complete.
final class TableNode {
    enum Child {
        /// A plain value, an inline table or a static array: complete as written.
        case value(TOMLValue)
        case table(TableNode)
        /// An array of tables, `[[name]]`, one node per header.
        case tables(TableArray)
    }

    struct Slot {
        var child: Child
        var line: Int
    }

    private(set) var order: [String] = []
    private(set) var slots: [String: Slot] = [:]
    var line: Int
    /// Defined by a `[header]` or `[[header]]`, or by dotted keys once their section has ended: no header
    /// may define it again and no dotted key from another section may add to it. A table only named on
    /// the way to another (`a` of `[a.b]`) is not defined, and `[a]` may still come once.
    var isDefined: Bool

    init(line: Int, isDefined: Bool) {
        self.line = line
        self.isDefined = isDefined
    }

    subscript(name: String) -> Slot? { slots[name] }

    func add(_ name: String, _ child: Child, line: Int) {
        if slots[name] == nil { order.append(name) }
        slots[name] = Slot(child: child, line: line)
    }

    /// The finished table, keys in the order they were first written.
    func frozen() -> TOMLTable {
        var table = TOMLTable(line: line)
        for name in order {
            guard let slot = slots[name] else { continue }
            let value: TOMLValue
            switch slot.child {
            case .value(let plain): value = plain
            case .table(let node): value = .table(node.frozen())
            case .tables(let array): value = .array(array.nodes.map { .table($0.frozen()) })
            }
            table.append(TOMLTable.Entry(key: name, value: value, line: slot.line))
        }
        return table
    }
}

/// The tables of one `[[name]]`, appended to in place as headers come (a copy per header would make a
/// file of n of them cost n²).
final class TableArray {
    var nodes: [TableNode]

    init(_ nodes: [TableNode]) {
        self.nodes = nodes
    }
}

extension Scanner {
    /// `a.b.c = value` inside `table`: `a` and `b` are found or made as tables, `c` must be new. Tables the
    /// dotted key walks through are collected in `pending` (a document's section), to become defined when
    /// the section ends; an inline table has no sections and ignores them.
    func insert(_ key: [KeyPart], _ value: TOMLValue, into table: TableNode, pending: inout [TableNode]) throws(TOMLError) {
        var node = table
        for (index, part) in key.dropLast().enumerated() {
            if let slot = node[part.name] {
                switch slot.child {
                case .table(let sub):
                    guard !sub.isDefined else {
                        throw error("the table `\(keyPath(key[...index]))` is defined at line \(sub.line); dotted keys elsewhere cannot add to it",
                                    at: part.offset)
                    }
                    node = sub
                case .tables:
                    throw error("`\(keyPath(key[...index]))` is an array of tables (line \(slot.line)); dotted keys cannot add to it", at: part.offset)
                case .value(let existing):
                    throw error(redefinitionOfValue(keyPath(key[...index]), existing, line: slot.line), at: part.offset)
                }
            } else {
                let sub = TableNode(line: line(at: part.offset), isDefined: false)
                node.add(part.name, .table(sub), line: sub.line)
                node = sub
            }
            pending.append(node)
        }
        let last = key[key.count - 1]
        if let slot = node[last.name] {
            throw error("the key `\(keyPath(key))` is already defined at line \(slot.line)", at: last.offset)
        }
        node.add(last.name, .value(value), line: line(at: last.offset))
    }

    /// For a `[header]` or `[[header]]`: walks to the table that will hold the last key, making the tables
    /// on the way; through an array of tables it goes into the last one written.
    func parentOfHeader(_ key: [KeyPart], root: TableNode, headerLine: Int) throws(TOMLError) -> TableNode {
        var node = root
        for (index, part) in key.dropLast().enumerated() {
            if let slot = node[part.name] {
                switch slot.child {
                case .table(let sub): node = sub
                case .tables(let array): node = array.nodes[array.nodes.count - 1]
                case .value(let existing):
                    throw error(redefinitionOfValue(keyPath(key[...index]), existing, line: slot.line), at: part.offset)
                }
            } else {
                let sub = TableNode(line: headerLine, isDefined: false)
                node.add(part.name, .table(sub), line: headerLine)
                node = sub
            }
        }
        return node
    }

    func redefinitionOfValue(_ path: String, _ existing: TOMLValue, line: Int) -> String {
        switch existing {
        case .table: "`\(path)` is an inline table (line \(line)), complete as written: nothing may add to it"
        case .array: "`\(path)` is a static array (line \(line)), not a table: nothing may add to it"
        default: "`\(path)` is already \(existing.kindWithArticle) (line \(line)), not a table"
        }
    }
}
