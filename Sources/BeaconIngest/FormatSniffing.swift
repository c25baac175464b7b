/// A cheap guess at a file's format from its first bytes (gunzipped, BOM stripped), for weighing it
/// against the memory budget before the load. The load itself decides the format from the whole content;
/// a wrong guess here only changes the estimate.
enum FormatSniffing {
    static func likelyFormat(of head: [UInt8]) -> InputFormat {
        var start = 0
        while start + 3 <= head.count, head[start] == 0xEF, head[start + 1] == 0xBB, head[start + 2] == 0xBF { start += 3 }
        return Array(head[start...]).withUnsafeBufferPointer { text in
            if ZeekTSVReader.isZeekTSV(text) { return .zeekConnTSV }
            guard let line = TextLines.firstNonBlankLine(in: text), let first = line.first else { return .csv }
            if QueryResultReader.looksLikeQueryResult(text) {
                return first == 0x7B || first == 0x5B ? .kustoResultJSON : .kustoResultCSV
            }
            switch first {
            case 0x3C /* < */:
                return .windowsEventXML
            case 0x5B /* [ */:
                return .jsonArray
            case 0x7B /* { */:
                // A first line that is a whole object is a record of JSON lines; anything else a document.
                guard line.count <= NativeLogs.longestRecordLine, let record = try? JSONTextParser.parse(line) else {
                    return .advancedHuntingJSON
                }
                if WindowsEventJSONShape.isWindowsEvent(record) { return .windowsEventJSON }
                if ZeekJSONReader.isZeekRecord(record) { return .zeekConnJSON }
                return record["Results"] != nil || record["results"] != nil ? .advancedHuntingJSON : .jsonLines
            default:
                return .csv
            }
        }
    }
}
