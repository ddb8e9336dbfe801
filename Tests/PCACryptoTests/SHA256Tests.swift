import PCACrypto
import XCTest

/// NIST FIPS 180-4 example vectors (csrc.nist.gov "SHA256.pdf", "SHA2_Additional.pdf").
final class SHA256Tests: XCTestCase {
    func testEmptyString() {
        XCTAssertEqual(SHA256.hash("").hexString, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testOneBlockMessage() {
        XCTAssertEqual(SHA256.hash("abc").hexString, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage() {
        XCTAssertEqual(
            SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hexString,
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testFourBlockMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(SHA256.hash(message).hexString, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000)).hexString,
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testNISTAdditionalByteVectors() {
        XCTAssertEqual(SHA256.hash([0xbd]).hexString, "68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b")
        XCTAssertEqual(SHA256.hash([0xc9, 0x8c, 0x8e, 0x55]).hexString,
                       "7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0, count: 55)).hexString,
                       "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0, count: 56)).hexString,
                       "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0, count: 57)).hexString,
                       "65a16cb7861335d5ace3c60718b5052e44660726da4cd13bb745381b235a1785")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0, count: 64)).hexString,
                       "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0, count: 1000)).hexString,
                       "541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0x41, count: 1000)).hexString,
                       "c2e686823489ced2017f6059b8b239318b6364f6dcd835d0a519105a1eadd6e4")
        XCTAssertEqual(SHA256.hash([UInt8](repeating: 0x55, count: 1005)).hexString,
                       "f4d62ddec0f3dd90ea1380fa16a5ff8dc4c54b21740650f24afc4120903552b0")
    }

    func testStreamingMatchesOneShotAcrossBlockBoundaries() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 299] {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            XCTAssertEqual(hasher.finalize(), SHA256.hash(message), "split at \(split)")
        }
    }
}
