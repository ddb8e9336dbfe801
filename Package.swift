// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pca-tui",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pca-tui", targets: ["pca-tui"]),
        .executable(name: "pca-local", targets: ["pca-local"]),
        .executable(name: "pca-bench", targets: ["pca-bench"]),
        .library(name: "PCAClient", targets: ["PCAClient"]),
        .library(name: "PCALocal", targets: ["PCALocal"]),
        .library(name: "PCAAdmin", targets: ["PCAAdmin"]),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Hashing and MACs shared by the client's signer and the emulator's verifier.
        .target(name: "PCACrypto"),
        // DER, X.509 certificates and PKCS#10 requests: reading them for people, building them for the emulator.
        .target(name: "PCAX509", dependencies: ["PCACrypto"]),
        // Running other programs (credential_process, tmux, the AWS CLI) with a deadline: posix_spawn and waitpid.
        .target(name: "PCAProcess"),
        // The ACM-PCA API client: protocol, SigV4, credentials, endpoints, retries. No terminal code.
        .target(name: "PCAClient", dependencies: ["PCACrypto", "PCAProcess"]),
        // The domain between the AWS SDK and the faces: CA records, the filter language, the inventory loader,
        // the definition of a failed renewal, and the one write pipeline (plan, gate, apply, verify, journal).
        .target(name: "PCAAdmin", dependencies: ["PCAClient", "PCATerminalText", "PCAX509"]),
        // The ACM-PCA emulator: in-process transport and the loopback HTTP server; it issues real X.509.
        .target(name: "PCALocal", dependencies: ["PCACrypto", "PCAClient", "PCAX509"]),
        // Our own command-line parsing, shared by both programs.
        .target(name: "PCACommandLine"),
        // Width and escaping of text bound for a terminal.
        .target(name: "PCATerminalText"),
        // Sessions (AWS or the in-process demo) and the scriptable commands.
        .target(name: "PCAApp", dependencies: ["PCAX509", "PCAAdmin", "PCAClient", "PCALocal", "PCAProcess", "PCACommandLine", "PCATerminalText", "PCATerminalUI"]),
        // The terminal UI's pure core: state, reducer, renderer into an in-memory screen.
        .target(name: "PCATerminalUI", dependencies: ["PCAX509", "PCAAdmin", "PCAClient", "PCATerminalText"]),
        // The one module that touches ncurses.
        .target(name: "PCATerminal", dependencies: ["CNcurses", "PCATerminalUI"]),
        .executableTarget(name: "pca-tui", dependencies: ["PCAAdmin", "PCAApp", "PCAProcess", "PCATerminal", "PCATerminalUI"]),
        .executableTarget(name: "pca-local", dependencies: ["PCALocal", "PCACommandLine"]),
        // The benchmark: listing at scale against boto3 and the AWS CLI, the UI's costs, the emulator's speed.
        .executableTarget(name: "pca-bench", dependencies: ["PCAAdmin", "PCAClient", "PCALocal", "PCAProcess", "PCATerminalUI"]),
        .testTarget(name: "PCACryptoTests", dependencies: ["PCACrypto", "PCAProcess"]),
        .testTarget(name: "PCAX509Tests", dependencies: ["PCAX509", "PCAProcess"]),
        .testTarget(name: "PCAProcessTests", dependencies: ["PCAProcess"]),
        .testTarget(name: "PCAClientTests", dependencies: ["PCAAdmin", "PCAClient", "PCACrypto", "PCAProcess"]),
        .testTarget(name: "PCALocalTests", dependencies: ["PCAAdmin", "PCALocal", "PCAClient", "PCACrypto", "PCAProcess", "PCAX509"]),
        .testTarget(name: "PCAAdminTests", dependencies: ["PCAAdmin", "PCAClient", "PCALocal"]),
        .testTarget(name: "PCACommandLineTests", dependencies: ["PCACommandLine"]),
        .testTarget(name: "PCATerminalTextTests", dependencies: ["PCATerminalText"]),
        .testTarget(name: "PCAAppTests", dependencies: ["PCAApp", "PCAAdmin", "PCAClient", "PCALocal", "PCAProcess", "PCATerminalUI"]),
        .testTarget(name: "PCATerminalUITests", dependencies: ["PCACrypto", "PCAX509", "PCATerminalUI", "PCAAdmin", "PCAClient", "PCALocal"],
                    exclude: ["Golden"]),
        // The real binaries in tmux, against pca-local.
        .testTarget(name: "EndToEndTests", dependencies: ["PCAClient", "PCALocal", "PCAProcess", "PCAX509"]),
    ]
)
