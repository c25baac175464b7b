import CPrefetch

/// Stage 2: `summarize make_set(Timestamp) by DeviceId, DeviceName, InitiatingProcessAccountName,
/// InitiatingProcessAccountDomain, InitiatingProcessFileName, RemoteIP, RemotePort`, then
/// `array_sort_asc`: each group's distinct timestamps in ascending order (duplicates collapse, Q5).
///
/// Groups are numbered in the order their first row appears (`GroupNumbering`), and each group's
/// timestamps end up side by side in one array (counted, then placed), so a day of telemetry makes a
/// handful of arrays, not one per group.
enum GroupTimestamps {
    struct Groups {
        /// Each group's origin number (high half) and endpoint number (low half).
        var keys: [UInt64]
        var origins: [EventOrigin]
        var endpoints: GroupNumbering.Endpoints
        /// Rows before duplicate timestamps collapsed, per group.
        var eventCounts: [Int32]
        /// `EventSources` raw values, per group.
        var sources: [UInt8]
        /// Group `g`'s distinct timestamps are `timestamps[starts[g]..<starts[g + 1]]`, ascending.
        var starts: [Int]
        var timestamps: [Int64]

        var count: Int { keys.count }

        /// Group `group`'s key as pool ids.
        func key(_ group: Int) -> EncodedGroupKey {
            let packed = keys[group]
            let origin = origins[Int(packed >> 32)], endpoint = Int(packed & 0xFFFF_FFFF)
            return EncodedGroupKey(deviceId: origin.deviceId, deviceName: origin.deviceName, accountName: origin.accountName,
                                   accountDomain: origin.accountDomain, fileName: origin.fileName,
                                   remoteIP: endpoints.remoteIP(endpoint), remotePort: endpoints.remotePort(endpoint))
        }

        /// Group `group`'s RemoteIP pool id.
        func remoteIP(_ group: Int) -> UInt32 { endpoints.remoteIP(Int(keys[group] & 0xFFFF_FFFF)) }

        /// Group `group`'s RemotePort (`EventTable.nullPort` for null).
        func remotePort(_ group: Int) -> Int32 { endpoints.remotePort(Int(keys[group] & 0xFFFF_FFFF)) }
    }

    /// With `releasingRows` (a table read in two passes, handed over as the only copy), the table's
    /// origin and target columns are released once each row's group is numbered, and its timestamps once
    /// they are placed: the grouping's peak is then the timestamps, the group of each row and the placed
    /// timestamps, not the whole table besides.
    static func apply(_ table: inout EventTable, filtered: FilterEvents.Result, threads: Int,
                      releasingRows: Bool = false) -> Groups {
        let endpoints = GroupNumbering.Endpoints(table.targets)
        var numbering = GroupNumbering.number(table, filter: filtered.filter, passing: filtered.passing,
                                              endpoints: endpoints, threads: threads, slotPerRow: releasingRows)
        if releasingRows { table.releaseGroupKeys() }
        let eventCounts = numbering.eventCounts
        // Each group's timestamps placed side by side, in row order: `starts[g + 1]` is where group g's
        // next timestamp goes until all are placed, and then where group g + 1 begins.
        var starts = [Int](repeating: 0, count: eventCounts.count + 1)
        for group in eventCounts.indices.dropLast() { starts[group + 2] = starts[group + 1] + Int(eventCounts[group]) }
        // Written at random, one row's timestamp to its group's run: huge pages spare most of the TLB misses.
        var timestamps = [Int64].hugePaged(repeating: 0, count: filtered.passing)
        timestamps.withUnsafeMutableBufferPointer { placed in
            numbering.groupOfRow.withUnsafeBufferPointer { groupOfRow in
                starts.withUnsafeMutableBufferPointer { next in
                    if releasingRows {
                        table.timestamp.withUnsafeBufferPointer { timestampOfRow in
                            // Two random accesses a row, each fetched ahead (`RowCensus.lookahead`): the
                            // group's next position two lookaheads before its row, the place it names one.
                            let rows = groupOfRow.count, lookahead = RowCensus.lookahead
                            for row in 0..<rows {
                                if row + 2 * lookahead < rows, case let group = Int(groupOfRow[row + 2 * lookahead]), group >= 0 {
                                    beacon_prefetch(next.baseAddress! + group + 1)
                                }
                                if row + lookahead < rows, case let group = Int(groupOfRow[row + lookahead]), group >= 0 {
                                    beacon_prefetch_for_write(placed.baseAddress! + next[group + 1])
                                }
                                guard groupOfRow[row] >= 0 else { continue }
                                let slot = Int(groupOfRow[row]) + 1
                                placed[next[slot]] = timestampOfRow[row]
                                next[slot] += 1
                            }
                        }
                    } else {
                        FilteredRows.with(table, filtered.filter) { rows in
                            var position = 0
                            for row in 0..<rows.count where rows.passes(row) {
                                let slot = Int(groupOfRow[position]) + 1
                                placed[next[slot]] = rows.timestamp[row]
                                next[slot] += 1
                                position += 1
                            }
                        }
                    }
                }
            }
        }
        numbering.groupOfRow = []
        if releasingRows { table.releaseRows() }
        sortDistinctInPlace(&timestamps, starts: &starts)
        return Groups(keys: numbering.keys, origins: table.origins, endpoints: endpoints, eventCounts: eventCounts,
                      sources: numbering.sources, starts: starts, timestamps: timestamps)
    }

    /// Sorts each group's run and drops its duplicates, moving the runs together; `starts` follows.
    static func sortDistinctInPlace(_ timestamps: inout [Int64], starts: inout [Int]) {
        var write = 0
        timestamps.withUnsafeMutableBufferPointer { all in
            for group in 0..<(starts.count - 1) {
                let begin = starts[group], end = starts[group + 1]
                var run = UnsafeMutableBufferPointer(rebasing: all[begin..<end])
                // Exports come in time order, so most runs are sorted already.
                var sorted = true
                for i in run.indices.dropFirst() where run[i] < run[i - 1] {
                    sorted = false
                    break
                }
                if !sorted { run.sort() }
                starts[group] = write
                for i in run.indices where i == 0 || run[i] != run[i - 1] {
                    all[write] = run[i]
                    write += 1
                }
            }
        }
        starts[starts.count - 1] = write
        timestamps.removeLast(timestamps.count - write)
    }
}

