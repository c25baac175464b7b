import BeaconEngine
import Foundation

/// Reads the records of one CSV or JSON-lines file into the table, streaming: blocks of whole records
/// (`RecordBlockCutter`) are parsed on worker threads (`CSVChunkParser` or `JSONLinesChunkParser`, one
/// per thread, each with its own dictionary) and merged into the table in file order, their dictionary
/// ids translated into the table's pool. Memory stays at the table plus a few blocks, whatever the
/// file's size.
///
/// The result is the one a single pass over the whole file gives: the same rows in the same order, the
/// same pool ids, the same issues with the same line numbers. When a block's last record runs past the
/// block (quote parity misjudged a malformed file), the blocks after it are dropped and the rest of the
/// file is read on this thread, from that record on.
struct BlockStreamReader<Parser: BlockParser> {
    /// Makes each thread's parser.
    let makeParser: @Sendable () -> Parser
    let boundary: RecordBlockCutter.Boundary
    var blockSize = 8 << 20
    var lineLimit = InputLimits.maximumLineBytes
    var workerCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    /// Blocks handed to the workers and not yet merged, at most: each holds its bytes and its parsed rows
    /// (about 10 MB at the default block size) until the merge takes it. By default a few more than the
    /// workers, which keeps them busy while the merge runs evenly; a merge that stalls (a two-pass census
    /// doubling a table of hundreds of megabytes) needs more (`TwoPassLoader.firstPassBlocksAhead`).
    var blocksAhead: Int?

    /// The table's pool id for each parser's dictionary ids, by string column; parser `workerCount` is
    /// this thread's.
    private var translations: [[[UInt32]]] = []
    private var lineOffset = 0
    private var reservedCapacity = false
    /// `ParsedChunk.columnsNamed` of every block merged.
    private(set) var columnsNamed: UInt16 = 0

    init(boundary: RecordBlockCutter.Boundary, makeParser: @escaping @Sendable () -> Parser) {
        self.boundary = boundary
        self.makeParser = makeParser
    }

    /// Reads every record of `start` and then `source`; `firstLine` is the physical line `start` begins
    /// on, `expectedBytes` (asked once the first block is read; nil when unknown) about how many bytes
    /// `start` and `source` hold together, to size the table once.
    mutating func read(start: [UInt8], firstLine: Int, source: any ByteSource, sourceEnded: Bool,
                       expectedBytes: () -> Int?, into table: inout EventTable, ingest: inout FileIngest,
                       progress: LoadProgress?) throws(LoadError) {
        translations = Array(repeating: Self.freshTranslation, count: workerCount + 1)
        lineOffset = firstLine - 1
        var cutter = RecordBlockCutter(start: start, source: source, sourceEnded: sourceEnded, blockSize: blockSize,
                                       boundary: boundary, lineLimit: lineLimit)
        var local = makeParser()
        guard let first = try cutter.next() else { return }
        if first.isFinal {
            // Small enough to read in one go: no threads.
            let result = parseBlock(first, with: &local)
            merge(result, from: workerCount, bytesParsed: first.count, longLinesSkipped: first.longLinesSkippedBefore,
                  expectedBytes: { nil },
                  into: &table, ingest: &ingest, progress: progress)
            return
        }
        try readInParallel(first: first, cutter: &cutter, local: &local, expectedBytes: expectedBytes,
                           into: &table, ingest: &ingest, progress: progress)
    }

    private mutating func readInParallel(first: RecordBlockCutter.Block, cutter: inout RecordBlockCutter,
                                         local: inout Parser, expectedBytes: () -> Int?,
                                         into table: inout EventTable, ingest: inout FileIngest,
                                         progress: LoadProgress?) throws(LoadError) {
        let queue = OrderedWorkQueue<RecordBlockCutter.Block, ParsedBlock>()
        let makeParser = self.makeParser
        queue.startWorkers(workerCount) { worker in
            var parser = makeParser()
            return { block in ParsedBlock(worker: worker, result: parseBlock(block, with: &parser)) }
        }
        defer { queue.stop() }

        // Blocks handed to the workers and not merged yet, kept for a fall back to one thread.
        var pending: [Int: RecordBlockCutter.Block] = [:]
        var dispatched = 0
        var merged = 0
        var cutterDone = false
        let inFlightLimit = max(1, blocksAhead ?? workerCount + 2)
        var next: RecordBlockCutter.Block? = first
        while true {
            while !cutterDone && dispatched - merged < inFlightLimit {
                let upcoming: RecordBlockCutter.Block?
                if let first = next {
                    upcoming = first
                    next = nil
                } else {
                    upcoming = try cutter.next()
                }
                guard let block = upcoming else {
                    cutterDone = true
                    break
                }
                pending[dispatched] = block
                queue.submit(block, index: dispatched)
                dispatched += 1
                if block.isFinal { cutterDone = true }
            }
            if merged == dispatched { return }
            let parsed = queue.output(merged)
            let block = pending.removeValue(forKey: merged)!
            merge(parsed.result, from: parsed.worker, bytesParsed: block.count,
                  longLinesSkipped: block.longLinesSkippedBefore, expectedBytes: expectedBytes,
                  into: &table, ingest: &ingest, progress: progress)
            merged += 1
            if let unfinished = parsed.result.unfinishedRecordStart {
                // The cut was wrong: what follows `unfinished` is read again, on this thread.
                var rest: [[UInt8]] = [Array(block.bytes[unfinished..<block.count])]
                for index in merged..<dispatched {
                    let later = pending.removeValue(forKey: index)!
                    rest.append(Array(later.bytes[0..<later.count]))
                }
                try readSequentially(pieces: rest, cutter: &cutter, cutterDone: cutterDone, parser: &local,
                                     into: &table, ingest: &ingest, progress: progress)
                return
            }
        }
    }

    /// Reads `pieces` and then the cutter's remaining bytes on this thread, carrying a record cut by a
    /// piece's end over to the next.
    private mutating func readSequentially(pieces: [[UInt8]], cutter: inout RecordBlockCutter, cutterDone: Bool,
                                           parser: inout Parser, into table: inout EventTable,
                                           ingest: inout FileIngest, progress: LoadProgress?) throws(LoadError) {
        var remaining = pieces[...]
        var carry: [UInt8] = []
        var ended = false
        while !ended {
            var buffer = carry
            if let piece = remaining.popFirst() {
                buffer += piece
                ended = remaining.isEmpty && cutterDone
            } else {
                let raw = try cutter.nextRaw(minimum: buffer.count)
                buffer += raw.bytes
                ended = raw.ended
            }
            let result = buffer.withUnsafeBufferPointer { parser.parse($0, isFinal: ended) }
            merge(result, from: workerCount, bytesParsed: buffer.count, expectedBytes: { nil },
                  into: &table, ingest: &ingest, progress: progress)
            carry = result.unfinishedRecordStart.map { Array(buffer[$0...]) } ?? []
        }
    }

    /// Every column's `""` is the pool's `""`.
    private static var freshTranslation: [[UInt32]] { Array(repeating: [0], count: EventStringColumn.allCases.count) }

    /// Appends a parsed block to the table: its new strings into the pool, its rows with their ids
    /// translated, its counts and issues (lines made the file's) into the file's bookkeeping.
    private mutating func merge(_ result: ParsedChunk, from parser: Int, bytesParsed: Int, longLinesSkipped: Int = 0,
                                expectedBytes: () -> Int?, into table: inout EventTable, ingest: inout FileIngest,
                                progress: LoadProgress?) {
        for _ in 0..<longLinesSkipped {
            lineOffset += 1
            ingest.rowsRead += 1
            ingest.rowsSkipped += 1
            if ingest.issues.count < EventLoader.issuesReportedPerFile {
                ingest.issues.append(IngestIssue(file: ingest.file, line: lineOffset, field: nil,
                                                 message: RowMessage.lineTooLong(limit: lineLimit)))
            }
        }
        if !reservedCapacity, bytesParsed > 0, let expectedBytes = expectedBytes() {
            // Sized once from the first block's rows per byte, so the columns are not regrown (and copied)
            // while a large file loads.
            reservedCapacity = true
            let estimate = Double(result.batch.count) / Double(bytesParsed) * Double(expectedBytes) * 1.02
            table.reserveCapacity(table.count + Int(estimate) + 1024)
        }
        if result.dictionaryRestarted { translations[parser] = Self.freshTranslation }
        var offset = 0
        result.newStrings.withUnsafeBytes { arena in
            for (length, column) in zip(result.newStringLengths, result.newStringColumns) {
                let bytes = UnsafeRawBufferPointer(rebasing: arena[offset..<(offset + length)])
                translations[parser][column.rawValue].append(table.internString(bytes: bytes))
                offset += length
            }
        }
        table.append(result.batch, stringIDs: translations[parser])
        ingest.rowsRead += result.rowsRead
        ingest.rowsLoaded += result.rowsLoaded
        ingest.times.include(result.times)
        ingest.rowsSkipped += result.rowsSkipped
        ingest.truncatedFractions.include(result.truncatedFractions, lineOffset: lineOffset)
        ingest.lateRows.include(result.lateRows, lineOffset: lineOffset)
        for issue in result.issues where ingest.issues.count < EventLoader.issuesReportedPerFile {
            var located = issue
            located.file = ingest.file
            located.line = issue.line.map { $0 + lineOffset }
            ingest.issues.append(located)
        }
        columnsNamed |= result.columnsNamed
        lineOffset += result.linesConsumed
        progress?.addEvents(result.rowsLoaded)
    }
}

/// A block's records.
func parseBlock<Parser: BlockParser>(_ block: RecordBlockCutter.Block, with parser: inout Parser) -> ParsedChunk {
    block.bytes.withUnsafeBufferPointer {
        parser.parse(UnsafeBufferPointer(rebasing: $0[0..<block.count]), isFinal: block.isFinal)
    }
}

/// A block's records as a worker parsed them, with the worker whose dictionary numbered their strings.
struct ParsedBlock: Sendable {
    var worker: Int
    var result: ParsedChunk
}
