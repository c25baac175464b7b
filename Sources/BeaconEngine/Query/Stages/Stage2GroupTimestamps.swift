/// Stage 2: `summarize make_set(Timestamp) by DeviceId, DeviceName, InitiatingProcessAccountName,
/// InitiatingProcessAccountDomain, InitiatingProcessFileName, RemoteIP, RemotePort`, then
/// `array_sort_asc`: each group's distinct timestamps in ascending order (duplicates collapse, Q5).
enum GroupTimestamps {
    struct Group {
        var key: EncodedGroupKey
        var timestamps: [Int64]
        var eventCount: Int
        var sources: EventSources
    }

    static func apply(_ table: EventTable, rows: [Int]) -> [Group] {
        var index: [EncodedGroupKey: Int] = [:]
        var groups: [Group] = []
        for row in rows {
            let key = EncodedGroupKey(table: table, row: row)
            let source = EventSources(rawValue: 1 << table.source[row])
            if let position = index[key] {
                groups[position].timestamps.append(table.timestamp[row])
                groups[position].sources.formUnion(source)
            } else {
                index[key] = groups.count
                groups.append(Group(key: key, timestamps: [table.timestamp[row]], eventCount: 0, sources: source))
            }
        }
        for position in groups.indices {
            groups[position].eventCount = groups[position].timestamps.count
            groups[position].timestamps = sortedDistinct(groups[position].timestamps)
        }
        return groups
    }

    static func sortedDistinct(_ values: [Int64]) -> [Int64] {
        var sorted = values.sorted()
        var write = 0
        for read in sorted.indices where read == 0 || sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }
}
