import PCACrypto
import XCTest

/// NIST FIPS 180-4 example vectors (csrc.nist.gov "SHA512.pdf", "SHA384.pdf") and openssl on random input.
final class SHA512Tests: XCTestCase {
    private let twoBlockMessage = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

    func testSHA512KnownAnswers() {
        XCTAssertEqual(SHA512.hash("").hexString,
                       "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
        XCTAssertEqual(SHA512.hash("abc").hexString,
                       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        XCTAssertEqual(SHA512.hash(twoBlockMessage).hexString,
                       "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")
        XCTAssertEqual(SHA512.hash([UInt8](repeating: 0x61, count: 1_000_000)).hexString,
                       "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")
    }

    func testSHA384KnownAnswers() {
        XCTAssertEqual(SHA384.hash("").hexString,
                       "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")
        XCTAssertEqual(SHA384.hash("abc").hexString,
                       "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        XCTAssertEqual(SHA384.hash(twoBlockMessage).hexString,
                       "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039")
        XCTAssertEqual(SHA384.hash([UInt8](repeating: 0x61, count: 1_000_000)).hexString,
                       "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985")
    }

    func testStreamingMatchesOneShotAcrossBlockBoundaries() {
        let message = (0..<400).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        for split in [0, 1, 111, 112, 127, 128, 129, 256, 399] {
            var sha512 = SHA512()
            sha512.update(message[..<split])
            sha512.update(message[split...])
            XCTAssertEqual(sha512.finalize(), SHA512.hash(message), "split at \(split)")
            var sha384 = SHA384()
            sha384.update(message[..<split])
            sha384.update(message[split...])
            XCTAssertEqual(sha384.finalize(), SHA384.hash(message), "split at \(split)")
        }
    }

    /// Lengths around the 112-byte padding boundary and a few blocks, random content, against `openssl dgst`.
    func testMatchesOpenSSLOnRandomInput() throws {
        let openssl = try OpenSSL.required(self)
        var random = SystemRandomNumberGenerator()
        for length in [0, 1, 55, 64, 111, 112, 113, 127, 128, 129, 239, 240, 1000, 4097] {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let file = try openssl.write(message, to: "message-\(length)")
            for (name, digest) in [("-sha384", SHA384.hash(message)), ("-sha512", SHA512.hash(message)),
                                   ("-sha256", SHA256.hash(message))] {
                let output = try openssl.succeed(["dgst", name, "-r", file])
                XCTAssertEqual(output.split(separator: " ").first.map(String.init), digest.hexString,
                               "\(name), \(length) bytes")
            }
        }
    }
}
