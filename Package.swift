// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "beacon-triage",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "BeaconEngine", targets: ["BeaconEngine"]),
        // The readers and parsers the fuzz targets in Fuzz/ drive (a separate package, built with libFuzzer).
        .library(name: "BeaconIngest", targets: ["BeaconIngest"]),
        .library(name: "Triage", targets: ["Triage"]),
        .library(name: "TriageUI", targets: ["TriageUI"]),
        // The TOML reader on its own, for the differential check in Fuzz/ (toml-dump).
        .library(name: "TOML", targets: ["TOML"]),
        .executable(name: "beacon-triage", targets: ["beacon-triage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // zlib from the system (Debian's zlib1g-dev), for writing generated .gz files.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Intel's ISA-L from the system (Debian's libisal-dev): its streaming inflater reads .gz inputs.
        .systemLibrary(
            name: "CIsal",
            path: "Sources/CIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        // The compiler's prefetch hint, which Swift lacks: the engine's passes over millions of rows read
        // tables larger than the caches at random, and issue the reads a few rows ahead.
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        // A 64-byte window's commas, quotes and line breaks as a bit mask (SSE2), which Swift's SIMD types
        // cannot produce: the CSV reader finds its fields with it (`CSVStructureCursor`).
        .systemLibrary(name: "CByteScan", path: "Sources/CByteScan"),
        // glibc's malloc_trim, which Swift's Glibc module leaves out: a two-pass load hands the first
        // pass's freed memory back before the second builds its tables.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        // Kusto's functions as the query uses them, pinned to the spec; pure values in, values out.
        .target(name: "KQL", path: "Sources/KQL"),
        // The event model and the query, stage by stage; knows nothing of files or terminals.
        .target(
            name: "BeaconEngine",
            dependencies: ["KQL", "CPrefetch"],
            path: "Sources/BeaconEngine"
        ),
        // Readers for the input formats (Defender CSV/JSON, Sysmon 3, Security 5156, Zeek conn; gzip), feeding
        // the engine's event table.
        .target(
            name: "BeaconIngest",
            dependencies: ["BeaconEngine", "CIsal", "CMalloc", "CByteScan"],
            path: "Sources/BeaconIngest"
        ),
        // Synthetic, labelled DeviceNetworkEvents: browsing noise, benign periodic services and injected C2.
        .target(
            name: "BeaconGenerator",
            dependencies: ["BeaconEngine", "CZlib"],
            path: "Sources/BeaconGenerator"
        ),
        // A TOML 1.0 parser in pure Swift: typed errors with line and column, never a trap, source lines
        // for every key (triage files and theme files are written by hand).
        .target(name: "TOML", path: "Sources/TOML"),
        // The console's pure-Swift layer: screen buffer, widgets, themes; no ncurses.
        .target(
            name: "TriageUI",
            dependencies: ["KQL", "TOML"],
            path: "Sources/TriageUI"
        ),
        // The analyst's decisions (marks, statuses, notes) in a shareable file, the list filter language,
        // and exports; no terminal.
        .target(
            name: "Triage",
            dependencies: ["BeaconEngine", "TOML"],
            path: "Sources/Triage"
        ),
        // The seed query as KQL text for Kusto itself (Defender, Sentinel): thresholds, window, mode and the
        // triage file's false positives rendered into it, every value escaped as a Kusto literal.
        .target(
            name: "HuntingQuery",
            dependencies: ["KQL", "BeaconEngine", "Triage"],
            path: "Sources/HuntingQuery"
        ),
        // ncurses at the edge: turns terminal input into InputEvents and flushes ScreenBuffers.
        .systemLibrary(
            name: "CNCurses",
            path: "Sources/CNCurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "TerminalBackend",
            dependencies: ["TriageUI", "CNCurses"],
            path: "Sources/TerminalBackend"
        ),
        // The console as one model, one update step and a pure view (the Elm architecture).
        .target(
            name: "TriageApp",
            dependencies: ["KQL", "BeaconEngine", "TriageUI", "Triage", "HuntingQuery"],
            path: "Sources/TriageApp"
        ),
        .executableTarget(
            name: "beacon-triage",
            dependencies: [
                "BeaconEngine",
                "BeaconIngest",
                "BeaconGenerator",
                "TriageApp",
                "Triage",
                "HuntingQuery",
                "TerminalBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/beacon-triage"
        ),
        // Timings of loading, preparing, re-deciding and drawing: `swift run -c release beacon-bench`.
        .executableTarget(
            name: "beacon-bench",
            dependencies: ["BeaconEngine", "BeaconIngest", "TriageApp", "TriageUI"],
            path: "Benchmarks/beacon-bench"
        ),
        // Recall, precision and ranking of each analysis mode on the labelled detection grid:
        // `swift run -c release beacon-detection-bench`.
        .executableTarget(
            name: "beacon-detection-bench",
            // Triage: the loader of the known-benign catalogue that hunt mode is scored with.
            dependencies: ["BeaconEngine", "BeaconGenerator", "Triage"],
            path: "Benchmarks/detection",
            exclude: ["README.md", "run.sh"]
        ),
        .testTarget(name: "KQLTests", dependencies: ["KQL"], path: "Tests/KQLTests"),
        .testTarget(name: "BeaconEngineTests", dependencies: ["BeaconEngine"], path: "Tests/BeaconEngineTests"),
        .testTarget(
            name: "BeaconIngestTests",
            dependencies: ["BeaconIngest"],
            path: "Tests/BeaconIngestTests",
            exclude: ["Fixtures"]
        ),
        // Over a hundred malformed files cut from the real fixtures, through the loader and (a sample) the CLI.
        .testTarget(
            name: "MalformedInputTests",
            dependencies: ["BeaconEngine", "BeaconIngest", "beacon-triage"],
            path: "Tests/MalformedInputTests"
        ),
        .testTarget(
            name: "BeaconGeneratorTests",
            dependencies: ["BeaconGenerator", "BeaconEngine", "BeaconIngest"],
            path: "Tests/BeaconGeneratorTests"
        ),
        .testTarget(name: "TriageUITests", dependencies: ["TriageUI"], path: "Tests/TriageUITests"),
        .testTarget(name: "TriageTests", dependencies: ["Triage"], path: "Tests/TriageTests"),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "Triage", "TriageUI"], path: "Tests/TOMLTests"),
        .testTarget(
            name: "HuntingQueryTests",
            dependencies: ["HuntingQuery", "BeaconEngine", "Triage"],
            path: "Tests/HuntingQueryTests",
            exclude: ["Fixtures"]
        ),
        // A tmux driver for end-to-end tests in a real terminal; test support, not shipped.
        .target(name: "TmuxTesting", path: "Tests/TmuxTesting"),
        .testTarget(
            name: "TerminalBackendTests",
            dependencies: ["TerminalBackend", "TriageUI", "CNCurses", "TmuxTesting"],
            path: "Tests/TerminalBackendTests"
        ),
        .testTarget(name: "TriageAppTests", dependencies: ["TriageApp", "BeaconEngine", "HuntingQuery"], path: "Tests/TriageAppTests",
                    exclude: ["Snapshots"]),
        // The threads of the loader, the engine and the console's background work, checked for real; run
        // under ThreadSanitizer by .ci/run.
        .testTarget(
            name: "ConcurrencyTests",
            dependencies: ["BeaconEngine", "BeaconIngest", "TriageApp", "beacon-triage"],
            path: "Tests/ConcurrencyTests"
        ),
        .testTarget(
            name: "EndToEndTests",
            // The executable is a dependency so that `swift test` builds the binary the CLI tests run.
            dependencies: ["BeaconEngine", "BeaconIngest", "BeaconGenerator", "Triage", "beacon-triage", "TmuxTesting"],
            path: "Tests/EndToEndTests",
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
