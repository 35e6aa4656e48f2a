// swift-tools-version:6.0
// The benchmark suite, a package of its own so that `make test` never builds it.
// Build: swift build -c release --package-path Benchmarks (or `make bench` at the repository root).
import PackageDescription

let package = Package(
    name: "NonrelBenchmarks",
    products: [
        .executable(name: "nonrel-bench", targets: ["NonrelBench"]),
    ],
    dependencies: [
        .package(name: "Nonrel", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "NonrelBench",
            dependencies: [
                .product(name: "NonrelDriver", package: "Nonrel"),
                .product(name: "NonrelBSON", package: "Nonrel"),
                .product(name: "Nonrel", package: "Nonrel"),
                .product(name: "NonrelMongo", package: "Nonrel"),
                .product(name: "NonrelIndexer", package: "Nonrel"),
            ],
            path: "Sources/NonrelBench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
