// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Nonrel",
    products: [
        .library(name: "NonrelBSON", targets: ["NonrelBSON"]),
        .library(name: "NonrelDriver", targets: ["NonrelDriver"]),
        .library(name: "Nonrel", targets: ["Nonrel"]),
        .executable(name: "nonrel-demo", targets: ["NonrelDemo"]),
    ],
    targets: [
        .systemLibrary(
            name: "CMongoC",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev", "libbson-dev"])]
        ),
        .target(name: "NonrelBSON"),
        .target(name: "NonrelDriver", dependencies: ["CMongoC", "NonrelBSON"]),
        .target(name: "Nonrel"),
        .executableTarget(name: "NonrelDemo", dependencies: ["NonrelDriver"]),
        .testTarget(
            name: "NonrelBSONTests",
            dependencies: ["NonrelBSON"]
        ),
        .testTarget(
            name: "NonrelTests",
            dependencies: ["Nonrel"]
        ),
        .testTarget(
            name: "NonrelDriverTests",
            dependencies: ["NonrelDriver"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
