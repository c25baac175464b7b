// swift-tools-version:6.0
// libFuzzer targets for every reader and parser of beacon-triage: a package of its own, so that the normal
// build never sees an executable without `main`. Build and run them with `Fuzz/run.sh` (see Fuzz/README.md).
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository is checked out.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let mainIdentity = mainPackage.lastPathComponent.lowercased()

let package = Package(
    name: "beacon-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // The declaration of libFuzzer's driver, which the executable's `main` hands over to.
        .target(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
        .executableTarget(
            name: "beacon-fuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "BeaconIngest", package: mainIdentity),
                .product(name: "Triage", package: mainIdentity),
                .product(name: "TriageUI", package: mainIdentity),
            ],
            path: "Sources/beacon-fuzz"
        ),
        // The TOML parser's output as JSON lines, for the differential check against Python's tomllib
        // (Fuzz/toml_differential.py); built without the fuzzer, see Fuzz/README.md.
        .executableTarget(
            name: "toml-dump",
            dependencies: [.product(name: "TOML", package: mainIdentity)],
            path: "Sources/toml-dump"
        ),
    ],
    swiftLanguageModes: [.v6]
)
