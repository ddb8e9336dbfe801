import PCACrypto
import XCTest

/// RFC 4231 HMAC-SHA256 test cases 1-7, and RFC 3174 / FIPS SHA-1 vectors.
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
