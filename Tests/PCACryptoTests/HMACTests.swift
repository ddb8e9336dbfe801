import PCACrypto
import XCTest

/// RFC 4231 HMAC-SHA256 test cases 1-7 (and 2 and 6 for SHA-384 and SHA-512), and RFC 3174 / FIPS SHA-1 vectors.
final class HMACTests: XCTestCase {
    private func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    private func mac(_ key: [UInt8], _ data: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: data, key: key).hexString
    }

    func testCase1() {
        XCTAssertEqual(mac([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8)),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testSHA384AndSHA512Case2() {
        let key = Array("Jefe".utf8)
        let data = Array("what do ya want for nothing?".utf8)
        XCTAssertEqual(HMAC<SHA384>.authenticationCode(for: data, key: key).hexString,
                       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649")
        XCTAssertEqual(HMAC<SHA512>.authenticationCode(for: data, key: key).hexString,
                       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
    }

    /// A 131-byte key: longer than the 128-byte block, so it is hashed first.
    func testSHA384AndSHA512Case6KeyLongerThanBlock() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let data = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        XCTAssertEqual(HMAC<SHA384>.authenticationCode(for: data, key: key).hexString,
                       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952")
        XCTAssertEqual(HMAC<SHA512>.authenticationCode(for: data, key: key).hexString,
                       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")
    }

    func testCase2KeyShorterThanOutput() {
        XCTAssertEqual(mac(Array("Jefe".utf8), Array("what do ya want for nothing?".utf8)),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testCase3() {
        XCTAssertEqual(mac([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50)),
                       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testCase4() {
        XCTAssertEqual(mac(bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xcd, count: 50)),
                       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    func testCase5TruncatedOutput() {
        let full = HMAC<SHA256>.authenticationCode(for: Array("Test With Truncation".utf8),
                                                   key: [UInt8](repeating: 0x0c, count: 20))
        XCTAssertEqual(Array(full.prefix(16)).hexString, "a3b6167473100ee06e0c796c2955552b")
    }

    func testCase6KeyLongerThanBlock() {
        XCTAssertEqual(mac([UInt8](repeating: 0xaa, count: 131),
                           Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testCase7LongKeyAndData() {
        let data = "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
        XCTAssertEqual(mac([UInt8](repeating: 0xaa, count: 131), Array(data.utf8)),
                       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    func testSHA1Vectors() {
        XCTAssertEqual(SHA1.hash("abc").hexString, "a9993e364706816aba3e25717850c26c9cd0d89d")
        XCTAssertEqual(SHA1.hash("").hexString, "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(SHA1.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hexString,
                       "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        XCTAssertEqual(SHA1.hash([UInt8](repeating: 0x61, count: 1_000_000)).hexString,
                       "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(constantTimeEquals([1, 2], [1, 2, 3]))
    }
}
