import BeaconEngine
import Testing
import TriageUI
@testable import TriageApp

/// A resize storm, down to one cell, in every mode the screen has: no size may crash a view or make it
/// draw outside its buffer.
@Suite struct ResizeSweepTests {
    static let heights = [1, 2, 3, 5, 15, 16, 17, 24, 41]

    static func modes() -> [(name: String, state: AppState)] {
        var help = ReducerTests.state()
        update(&help, .key(.character("?")))
        var zoomed = ReducerTests.state()
        update(&zoomed, .key(.character("z")))
        var prompt = ReducerTests.state()
        update(&prompt, .key(.character("f")))
        var misses = ReducerTests.state()
        update(&misses, .key(.character("x")))
        update(&misses, .key(.end))
        var hunt = HuntFixture.state()
        update(&hunt, .key(.character("x")))
        update(&hunt, .key(.character("x")))
        var huntZoomed = HuntFixture.state()
        update(&huntZoomed, .key(.character("z")))
        return [("list", ReducerTests.state()), ("help", help), ("zoomed", zoomed), ("prompt", prompt), ("near misses", misses),
                ("hunt", HuntFixture.state()), ("hunt with every rejected group", hunt), ("hunt zoomed", huntZoomed)]
    }

    @Test func everySizeFromOneCellUpDrawsExactlyItsBuffer() {
        for (name, base) in Self.modes() {
            for width in stride(from: 1, through: 131, by: 5) {
                for height in Self.heights {
                    var state = base
                    update(&state, .resize(width: width, height: height))
                    let buffer = view(state, glyphs: .unicode)
                    #expect(buffer.width == width && buffer.height == height, "\(name) at \(width)×\(height)")
                    let lines = buffer.text().split(separator: "\n", omittingEmptySubsequences: false)
                    #expect(lines.count >= height, "\(name) at \(width)×\(height)")
                }
            }
        }
    }

    @Test func theLoadingScreenTakesAnySizeToo() {
        for width in 0...90 {
            for height in [0, 1, 2, 4, 7] {
                let buffer = loadingView(dataSet: "a very long data set name.csv.gz", status: LoadingStatus(elapsedSeconds: Double(width) / 3),
                                         size: (width, height), glyphs: .ascii)
                #expect(buffer.width == width && buffer.height == height)
            }
        }
    }
}
