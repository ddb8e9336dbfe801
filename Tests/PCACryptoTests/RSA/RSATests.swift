import Foundation
import PCACrypto
import XCTest

/// RSA keys and PKCS #1 v1.5 signatures, with openssl as the judge in both directions.
final class RSATests: XCTestCase {
    private let message = Array("The emulator signs certificates with real keys.".utf8)

    /// A 2048-bit key from /dev/urandom: its shape, openssl's consistency check, and signatures openssl
    /// accepts. Prints the debug-build timings.
    func testGeneratedKeyIsAcceptedByOpenSSL() throws {
        let openssl = try OpenSSL.required(self)
        let start = Date()
        let key = try RSAPrivateKey.generate(bitCount: 2048)
        let generation = Date().timeIntervalSince(start)
        XCTAssertEqual(key.bitCount, 2048)
        XCTAssertEqual(key.publicExponent, 65537)
        XCTAssertEqual(key.prime1.bitLength, 1024)
        XCTAssertEqual(key.prime2.bitLength, 1024)

        try openssl.write(TestDER.rsaPrivateKey(key), to: "key.der")
        let check = try openssl.succeed(["rsa", "-inform", "DER", "-in", openssl.path("key.der"), "-check", "-noout"])
        XCTAssertTrue(check.contains("RSA key ok"), check)
        try writePublicKeyPEM(key.publicKey, openssl)

        let signStart = Date()
        let signature = try key.signature(for: message, digest: .sha256)
        let signing = Date().timeIntervalSince(signStart)
        let verifyStart = Date()
        XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message, digest: .sha256))
        let verifying = Date().timeIntervalSince(verifyStart)
        print(String(format: "RSA-2048 in this build: generate %.2f s, sign %.3f s, verify %.3f s",
                     generation, signing, verifying))
        XCTAssertLessThan(signing, 1.0, "an RSA-2048 private-key operation should take well under a second")

        for digest in DigestAlgorithm.allCases {
            let signature = try key.signature(for: message, digest: digest)
            XCTAssertEqual(try opensslVerifies(signature, digest: digest, openssl), true, digest.rawValue)
        }
    }

    /// Keys made by openssl: our signatures equal openssl's byte for byte (PKCS #1 v1.5 is deterministic),
    /// openssl verifies ours and we verify openssl's.
    func testOpenSSLKeysSignTheSameBothWays() throws {
        let openssl = try OpenSSL.required(self)
        for bits in [2048, 3072] {
            try openssl.succeed(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)",
                                 "-out", openssl.path("key.pem")])
            let key = try privateKey(fromPEM: "key.pem", openssl)
            XCTAssertEqual(key.bitCount, bits)
            try writePublicKeyPEM(key.publicKey, openssl)
            try openssl.write(message, to: "message")
            for digest in DigestAlgorithm.allCases {
                try openssl.succeed(["dgst", "-\(digest.opensslName)", "-sign", openssl.path("key.pem"),
                                     "-out", openssl.path("theirs.sig"), openssl.path("message")])
                let theirs = try openssl.read("theirs.sig")
                XCTAssertTrue(key.publicKey.isValidSignature(theirs, for: message, digest: digest), digest.rawValue)
                let ours = try key.signature(for: message, digest: digest)
                XCTAssertEqual(ours, theirs, "\(bits) bits, \(digest.rawValue)")
                XCTAssertEqual(try opensslVerifies(ours, digest: digest, openssl), true)
            }
        }
    }

    func testAlteredSignaturesAndMessagesAreRejected() throws {
        var random = SeededGenerator(seed: 2048)
        let key = try RSAPrivateKey.generate(bitCount: 1024, using: &random)
        let signature = try key.signature(for: message, digest: .sha256)
        XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message, digest: .sha256))
        var flipped = signature
        flipped[40] ^= 0x01
        XCTAssertFalse(key.publicKey.isValidSignature(flipped, for: message, digest: .sha256))
        XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message + [0], digest: .sha256))
        XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message, digest: .sha384))
        XCTAssertFalse(key.publicKey.isValidSignature(Array(signature.dropFirst()), for: message, digest: .sha256))
        XCTAssertFalse(key.publicKey.isValidSignature(key.modulus.bigEndianBytes(count: 128), for: message, digest: .sha256))
        let other = try RSAPrivateKey.generate(bitCount: 1024, using: &random)
        XCTAssertFalse(other.publicKey.isValidSignature(signature, for: message, digest: .sha256))
    }

    func testInjectedRandomnessMakesTheSameKey() throws {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        let a = try RSAPrivateKey.generate(bitCount: 1024, using: &first)
        let b = try RSAPrivateKey.generate(bitCount: 1024, using: &second)
        XCTAssertEqual(a.publicKey, b.publicKey)
        XCTAssertEqual(a.privateExponent, b.privateExponent)
    }

    func testRefusals() throws {
        var random = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try RSAPrivateKey.generate(bitCount: 2047, using: &random)) {
            XCTAssertEqual($0 as? CryptoKeyError, .unsupportedRSAKeySize(2047))
        }
        XCTAssertThrowsError(try RSAPrivateKey.generate(bitCount: 2048, publicExponent: 4, using: &random))
        let key = try RSAPrivateKey.generate(bitCount: 512, using: &random)
        XCTAssertThrowsError(try key.signature(for: message, digest: .sha512)) {
            XCTAssertEqual($0 as? CryptoKeyError, .modulusTooShortForDigest)
        }
        XCTAssertThrowsError(try RSAPrivateKey(
            modulus: key.modulus, publicExponent: key.publicExponent, privateExponent: key.privateExponent,
            prime1: key.prime1, prime2: key.prime2, exponent1: key.exponent1, exponent2: key.exponent2,
            coefficient: key.coefficient + .one)) {
            XCTAssertEqual($0 as? CryptoKeyError, .inconsistentRSAKey)
        }
    }

    func testPrintingAKeyHidesThePrivateNumbers() throws {
        var random = SeededGenerator(seed: 3)
        let key = try RSAPrivateKey.generate(bitCount: 512, using: &random)
        var dumped = ""
        dump(key, to: &dumped)
        for text in [String(describing: key), String(reflecting: key), "\(key)", dumped] {
            XCTAssertFalse(text.contains(key.privateExponent.hexString), text)
            XCTAssertFalse(text.contains(key.prime1.hexString), text)
        }
    }

    private func privateKey(fromPEM name: String, _ openssl: OpenSSL) throws -> RSAPrivateKey {
        let fields = try openssl.keyFields(ofPEM: name)
        func field(_ name: String) throws -> BigUInt { try XCTUnwrap(fields[name], "openssl printed no \(name)") }
        return try RSAPrivateKey(
            modulus: field("modulus"), publicExponent: field("publicExponent"),
            privateExponent: field("privateExponent"), prime1: field("prime1"), prime2: field("prime2"),
            exponent1: field("exponent1"), exponent2: field("exponent2"), coefficient: field("coefficient"))
    }

    /// pub.pem, converted by openssl from our PKCS #1 RSAPublicKey.
    private func writePublicKeyPEM(_ key: RSAPublicKey, _ openssl: OpenSSL) throws {
        try openssl.write(TestDER.rsaPublicKey(key), to: "pub.der")
        try openssl.succeed(["rsa", "-RSAPublicKey_in", "-inform", "DER", "-in", openssl.path("pub.der"),
                             "-pubout", "-out", openssl.path("pub.pem")])
    }

    private func opensslVerifies(_ signature: [UInt8], digest: DigestAlgorithm, _ openssl: OpenSSL) throws -> Bool {
        try openssl.write(message, to: "message")
        try openssl.write(signature, to: "ours.sig")
        let output = try openssl.run(["dgst", "-\(digest.opensslName)", "-verify", openssl.path("pub.pem"),
                                      "-signature", openssl.path("ours.sig"), openssl.path("message")])
        return output.status == 0 && output.stdout.contains("Verified OK")
    }
}

extension DigestAlgorithm {
    /// The name openssl's -digest options use.
    var opensslName: String { rawValue.lowercased().replacingOccurrences(of: "-", with: "") }
}
