#if canImport(Glibc)
import Glibc
#endif

extension Array where Element: FixedWidthInteger {
    /// `count` zeros, in memory the kernel is asked to back with huge pages when the array is large.
    static func zeroed(count: Int) -> [Element] { hugePaged(repeating: 0, count: count) }

    /// `count` copies of `value`, in memory the kernel is asked to back with huge pages when the array
    /// is large.
    ///
    /// The hash tables of a 100M-row load (a census of millions of pairs, the groups) are hundreds of
    /// megabytes read at random: with 4 KiB pages nearly every lookup also misses the TLB, and on a virtual
    /// machine each such miss walks two page tables. Linux backs memory with 2 MiB pages only where asked
    /// (`transparent_hugepage` set to `madvise`, as Debian ships it), and only memory not yet touched, so
    /// the advice is given before the zeros are written. Small arrays are made as usual.
    static func hugePaged(repeating value: Element, count: Int) -> [Element] {
        let bytes = count * MemoryLayout<Element>.stride
        guard bytes >= hugePageAdviceThreshold else { return [Element](repeating: value, count: count) }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
    }
}

/// Arrays at least this large are advised to use huge pages: several 2 MiB pages, so that the advice
/// covers most of the array and the rounding at its ends costs little.
let hugePageAdviceThreshold = 8 << 20

/// Asks for huge pages over the 2 MiB-aligned part of `buffer` (a hint: errors are ignored, and where the
/// kernel has none to give, or on other systems, the memory stays as it is).
private func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard let base = buffer.baseAddress else { return }
    let hugePage = 2 << 20
    let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
    let end = (Int(bitPattern: base) + buffer.count) & ~(hugePage - 1)
    guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(address, end - start, MADV_HUGEPAGE)
    #endif
}
