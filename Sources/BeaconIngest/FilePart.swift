import BeaconEngine

/// One file of a load read apart from the others, into a table of its own, so that several files can be
/// read at once; `EventLoader` merges the parts in file order into what reading the files one after
/// another into one table gives.
struct FilePart: Sendable {
    var table: EventTable
    var summary: FileLoadSummary
    /// The file's first `EventLoader.issuesReportedPerFile` issues.
    var issues: [IngestIssue]
    var queryResults: [QueryResultRow]
    /// Its native records, waiting for the end of the load; numbered as file 0 until merged.
    var native: NativeLogBatch
}

extension EventLoader {
    /// Adds a file's part to the load, as the file's turn in a load one file at a time would: a file found
    /// in a directory that holds no events is left out and listed, any other problem stops the load. A load
    /// may not mix the query's results with events; which file breaks that depends on the files before it,
    /// so it is judged here.
    static func merge(_ read: Result<FilePart, LoadError>, of file: InputFile, into result: inout LoadResult,
                      native: inout NativeLogBatch) throws(LoadError) {
        native.noteFileRead(file.path)
        let part: FilePart
        switch read {
        case .success(let read):
            part = read
        case .failure(let error):
            guard file.foundInDirectory && error.isNotAnEventFile else { throw error }
            result.filesLeftOut.append(error)
            return
        }
        let hasEvents = result.files.contains { !$0.format.isQueryResult && $0.rowsLoaded > 0 }
            || result.table.rowsRead + part.table.count > 0
        let hasResults = result.files.contains { $0.format.isQueryResult } || part.summary.format.isQueryResult
        if hasEvents && hasResults { throw .mixesResultsAndEvents(path: part.summary.path) }
        result.table.append(contentsOf: part.table)
        native.absorb(part.native, asFile: result.files.count)
        result.files.append(part.summary)
        result.issues += part.issues
        result.skippedRows += part.summary.rowsSkipped
        result.queryResults += part.queryResults
    }
}
