// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Nonrel",
    products: [
        .library(name: "NonrelBSON", targets: ["NonrelBSON"]),
        .library(name: "NonrelDriver", targets: ["NonrelDriver"]),
        .library(name: "Nonrel", targets: ["Nonrel"]),
        .library(name: "NonrelMongo", targets: ["NonrelMongo"]),
        .library(name: "NonrelMemory", targets: ["NonrelMemory"]),
        .library(name: "NonrelIndexer", targets: ["NonrelIndexer"]),
        .executable(name: "nonrel-demo", targets: ["NonrelDemo"]),
    ],
    targets: [
        .systemLibrary(
            name: "CMongoC",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev", "libbson-dev"])]
        ),
        .target(name: "NonrelCodingSupport"),
        .target(name: "NonrelBSON", dependencies: ["NonrelCodingSupport"]),
        .target(name: "NonrelDriver", dependencies: ["CMongoC", "NonrelBSON"]),
        .target(name: "Nonrel", dependencies: ["NonrelCodingSupport"]),
        .target(name: "NonrelMongo", dependencies: ["Nonrel", "NonrelDriver"]),
        .target(name: "NonrelMemory", dependencies: ["Nonrel"]),
        .target(name: "NonrelIndexer", dependencies: ["Nonrel"]),
        .target(name: "NonrelConformance", dependencies: ["Nonrel"]),
        .executableTarget(name: "NonrelDemo", dependencies: ["NonrelMongo", "NonrelMemory", "NonrelIndexer"]),
        .testTarget(
            name: "NonrelBSONTests",
            dependencies: ["NonrelBSON"]
        ),
        .testTarget(
            name: "NonrelTests",
            dependencies: ["Nonrel"]
        ),
        .testTarget(
            name: "NonrelMemoryTests",
            dependencies: ["NonrelMemory", "NonrelConformance"]
        ),
        .testTarget(
            name: "NonrelMongoTests",
            dependencies: ["NonrelMongo", "NonrelMemory", "NonrelConformance"]
        ),
        .testTarget(
            name: "NonrelIndexerTests",
            dependencies: ["NonrelIndexer", "NonrelMemory", "NonrelMongo", "NonrelConformance"]
        ),
        .testTarget(
            name: "NonrelDriverTests",
            dependencies: ["NonrelDriver"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
