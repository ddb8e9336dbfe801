import Foundation
@testable import PCACrypto
import XCTest

/// ECDSA on P-256 and P-384: RFC 6979 appendix A.2.5 and A.2.6 vectors, and openssl as the judge both ways.
final class ECDSATests: XCTestCase {
    private struct Vector {
        var digest: DigestAlgorithm
        var message: String
        var k: String
        var r: String
        var s: String
    }

    private let p256Key = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"
    private let p256Public = ("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
                              "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299")
    private let p256Vectors = [
        Vector(digest: .sha256, message: "sample", k: "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
               r: "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
               s: "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"),
        Vector(digest: .sha384, message: "sample", k: "09F634B188CEFD98E7EC88B1AA9852D734D0BC272F7D2A47DECC6EBEB375AAD4",
               r: "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
               s: "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954"),
        Vector(digest: .sha512, message: "sample", k: "5FA81C63109BADB88C1F367B47DA606DA28CAD69AA22C4FE6AD7DF73A7173AA5",
               r: "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
               s: "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE"),
        Vector(digest: .sha256, message: "test", k: "D16B6AE827F17175E040871A1C7EC3500192C4C92677336EC2537ACAEE0008E0",
               r: "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
               s: "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"),
    ]

    private let p384Key = "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5"
    private let p384Public = ("EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13",
                              "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720")
    private let p384Vectors = [
        Vector(digest: .sha256, message: "sample",
               k: "180AE9F9AEC5438A44BC159A1FCB277C7BE54FA20E7CF404B490650A8ACC414E375572342863C899F9F2EDF9747A9B60",
               r: "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33BDE1E888E63355D92FA2B3C36D8FB2CD",
               s: "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEBEFDC63ECCD1AC42EC0CB8668A4FA0AB0"),
        Vector(digest: .sha384, message: "sample",
               k: "94ED910D1A099DAD3254E9242AE85ABDE4BA15168EAF0CA87A555FD56D10FBCA2907E3E83BA95368623B8C4686915CF9",
               r: "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
               s: "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"),
        Vector(digest: .sha512, message: "sample",
               k: "92FC3C7183A883E24216D1141F1A8976C5B0DD797DFA597E3D7B32198BD35331A4E966532593A52980D0E3AAA5E10EC3",
               r: "ED0959D5880AB2D869AE7F6C2915C6D60F96507F9CB3E047C0046861DA4A799CFE30F35CC900056D7C99CD7882433709",
               s: "512C8CCEEE3890A84058CE1E22DBC2198F42323CE8ACA9135329F03C068E5112DC7CC3EF3446DEFCEB01A45C2667FDD5"),
        Vector(digest: .sha384, message: "test",
               k: "015EE46A5BF88773ED9123A5AB0807962D193719503C527B031B4C2D225092ADA71F4A459BC0DA98ADB95837DB8312EA",
               r: "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
               s: "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5"),
    ]

    func testRFC6979P256() throws {
        try checkVectors(curve: .p256, key: p256Key, publicKey: p256Public, vectors: p256Vectors)
    }

    func testRFC6979P384() throws {
        try checkVectors(curve: .p384, key: p384Key, publicKey: p384Public, vectors: p384Vectors)
    }

    /// The curve constants as openssl prints them with explicit parameters.
    func testCurveParametersMatchOpenSSL() throws {
        let openssl = try OpenSSL.required(self)
        for (curve, name) in [(ECCurve.p256, "prime256v1"), (ECCurve.p384, "secp384r1")] {
            let text = try openssl.succeed(["ecparam", "-name", name, "-param_enc", "explicit", "-text", "-noout"])
            let fields = OpenSSL.parseKeyText(text)
            XCTAssertEqual(fields["Prime"], curve.prime, name)
            XCTAssertEqual(fields["A"], curve.prime - BigUInt(3), name)
            XCTAssertEqual(fields["B"], curve.b, name)
            XCTAssertEqual(fields["Order"], curve.order, name)
            let generator = try ECDSAPublicKey(curve: curve, point: curve.generator).x963Representation
            XCTAssertEqual(fields["Generator (uncompressed)"], BigUInt(bigEndian: generator), name)
        }
    }

    func testGroupLaws() throws {
        for curve in [ECCurve.p256, .p384] {
            XCTAssertTrue(curve.contains(curve.generator))
            XCTAssertNil(curve.affine(curve.multiply(curve.generator, by: curve.order)), "n·G is infinity")
            let minusG = try XCTUnwrap(curve.affine(curve.multiply(curve.generator, by: curve.order - .one)))
            XCTAssertEqual(minusG, ECPoint(x: curve.generator.x, y: curve.prime - curve.generator.y))
            let g = curve.jacobian(curve.generator)
            let threeG = curve.affine(curve.add(curve.double(g), g))
            XCTAssertEqual(threeG, curve.affine(curve.multiply(curve.generator, by: 3)))
            XCTAssertEqual(curve.affine(curve.add(g, g)), curve.affine(curve.double(g)))
            var random = SeededGenerator(seed: 5)
            let a = BigUInt.random(below: curve.order, using: &random)
            let b = BigUInt.random(below: curve.order, using: &random)
            let sum = curve.affine(curve.add(curve.multiply(curve.generator, by: a), curve.multiply(curve.generator, by: b)))
            XCTAssertEqual(sum, curve.affine(curve.multiply(curve.generator, by: (a + b) % curve.order)))
        }
    }

    /// Keys from `openssl genpkey`: we derive the same public point, openssl verifies our signatures with
    /// the public key as we encode it, and we verify openssl's.
    func testOpenSSLKeysBothWays() throws {
        let openssl = try OpenSSL.required(self)
        let message = Array("to be signed by both".utf8)
        try openssl.write(message, to: "message")
        for (curve, digest) in [(ECCurve.p256, DigestAlgorithm.sha256), (.p384, .sha384), (.p256, .sha512)] {
            try openssl.succeed(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(curve.name)",
                                 "-out", openssl.path("key.pem")])
            let fields = try openssl.keyFields(ofPEM: "key.pem")
            let key = try ECDSAPrivateKey(curve: curve, scalar: XCTUnwrap(fields["priv"]))
            XCTAssertEqual(BigUInt(bigEndian: key.publicKey.x963Representation), fields["pub"], curve.name)
            try writePublicKeyPEM(key.publicKey, openssl)

            try openssl.succeed(["dgst", "-\(digest.opensslName)", "-sign", openssl.path("key.pem"),
                                 "-out", openssl.path("theirs.sig"), openssl.path("message")])
            let theirs = try XCTUnwrap(TestDER.parseECDSASignature(openssl.read("theirs.sig")))
            XCTAssertTrue(key.publicKey.isValidSignature(theirs, for: message, digest: digest), curve.name)

            let ours = key.signature(for: message, digest: digest)
            XCTAssertTrue(try opensslVerifies(ours, message: message, digest: digest, openssl), curve.name)
        }
    }

    /// Keys we generate, signing random messages, accepted by openssl; altered ones refused by both.
    func testGeneratedKeysAreAcceptedByOpenSSL() throws {
        let openssl = try OpenSSL.required(self)
        var random = SystemRandomNumberGenerator()
        for curve in [ECCurve.p256, .p384] {
            let key = try ECDSAPrivateKey.generate(curve: curve)
            try writePublicKeyPEM(key.publicKey, openssl)
            for digest in DigestAlgorithm.allCases {
                let message = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                let signature = key.signature(for: message, digest: digest)
                XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message, digest: digest))
                XCTAssertTrue(try opensslVerifies(signature, message: message, digest: digest, openssl),
                              "\(curve.name) \(digest.rawValue)")
                let altered = ECDSASignature(r: signature.r, s: (signature.s + .one) % curve.order)
                XCTAssertFalse(key.publicKey.isValidSignature(altered, for: message, digest: digest))
                XCTAssertFalse(try opensslVerifies(altered, message: message, digest: digest, openssl))
                XCTAssertFalse(key.publicKey.isValidSignature(signature, for: message + [1], digest: digest))
            }
        }
    }

    func testRefusals() throws {
        XCTAssertThrowsError(try ECDSAPrivateKey(curve: .p256, scalar: .zero)) {
            XCTAssertEqual($0 as? CryptoKeyError, .scalarOutOfRange)
        }
        XCTAssertThrowsError(try ECDSAPrivateKey(curve: .p256, scalar: ECCurve.p256.order))
        let offCurve = ECPoint(x: ECCurve.p256.generator.x, y: ECCurve.p256.generator.y + .one)
        XCTAssertThrowsError(try ECDSAPublicKey(curve: .p256, point: offCurve)) {
            XCTAssertEqual($0 as? CryptoKeyError, .pointNotOnCurve)
        }
        XCTAssertThrowsError(try ECDSAPublicKey(curve: .p384, x963Representation: [0x04] + [UInt8](repeating: 1, count: 64))) {
            XCTAssertEqual($0 as? CryptoKeyError, .malformedPointEncoding)
        }
        let key = try ECDSAPrivateKey(curve: .p256, scalar: 12345)
        let signature = key.signature(for: [1, 2, 3], digest: .sha256)
        XCTAssertFalse(key.publicKey.isValidSignature(ECDSASignature(r: .zero, s: signature.s), for: [1, 2, 3], digest: .sha256))
        XCTAssertFalse(key.publicKey.isValidSignature(
            ECDSASignature(r: signature.r + ECCurve.p256.order, s: signature.s), for: [1, 2, 3], digest: .sha256))
        let roundTrip = try ECDSAPublicKey(curve: .p256, x963Representation: key.publicKey.x963Representation)
        XCTAssertEqual(roundTrip, key.publicKey)
    }

    func testPrintingAKeyHidesTheScalar() throws {
        let key = try ECDSAPrivateKey.generate(curve: .p256)
        var dumped = ""
        dump(key, to: &dumped)
        for text in [String(describing: key), String(reflecting: key), dumped] {
            XCTAssertFalse(text.contains(key.scalar.hexString), text)
        }
    }

    /// Debug-build timings, printed for the record.
    func testTimings() throws {
        for curve in [ECCurve.p256, .p384] {
            let key = try ECDSAPrivateKey.generate(curve: curve)
            let message = Array("timing".utf8)
            let signStart = Date()
            let signature = key.signature(for: message, digest: .sha256)
            let signing = Date().timeIntervalSince(signStart)
            let verifyStart = Date()
            XCTAssertTrue(key.publicKey.isValidSignature(signature, for: message, digest: .sha256))
            let verifying = Date().timeIntervalSince(verifyStart)
            print(String(format: "%@ in this build: sign %.3f s, verify %.3f s", curve.name, signing, verifying))
        }
    }

    private func checkVectors(curve: ECCurve, key: String, publicKey: (String, String), vectors: [Vector]) throws {
        let scalar = try XCTUnwrap(BigUInt(hex: key))
        let privateKey = try ECDSAPrivateKey(curve: curve, scalar: scalar)
        XCTAssertEqual(privateKey.publicKey.point, ECPoint(x: try hex(publicKey.0), y: try hex(publicKey.1)))
        for vector in vectors {
            let message = Array(vector.message.utf8)
            let hash = vector.digest.hash(message)
            var nonces = DeterministicNonce(privateKey: scalar, hash: hash, order: curve.order, digest: vector.digest)
            XCTAssertEqual(nonces.next(), try hex(vector.k), "k, \(vector.digest.rawValue) \(vector.message)")
            let signature = privateKey.signature(for: message, digest: vector.digest)
            XCTAssertEqual(signature, ECDSASignature(r: try hex(vector.r), s: try hex(vector.s)),
                           "\(curve.name) \(vector.digest.rawValue) \(vector.message)")
            XCTAssertTrue(privateKey.publicKey.isValidSignature(signature, for: message, digest: vector.digest))
        }
    }

    private func hex(_ text: String) throws -> BigUInt {
        try XCTUnwrap(BigUInt(hex: text))
    }

    /// pub.pem, converted by openssl from our SubjectPublicKeyInfo.
    private func writePublicKeyPEM(_ key: ECDSAPublicKey, _ openssl: OpenSSL) throws {
        try openssl.write(TestDER.ecPublicKeyInfo(key), to: "pub.der")
        try openssl.succeed(["pkey", "-pubin", "-inform", "DER", "-in", openssl.path("pub.der"),
                             "-out", openssl.path("pub.pem")])
    }

    private func opensslVerifies(_ signature: ECDSASignature, message: [UInt8], digest: DigestAlgorithm,
                                 _ openssl: OpenSSL) throws -> Bool {
        try openssl.write(message, to: "message")
        try openssl.write(TestDER.ecdsaSignature(signature), to: "ours.sig")
        let output = try openssl.run(["dgst", "-\(digest.opensslName)", "-verify", openssl.path("pub.pem"),
                                      "-signature", openssl.path("ours.sig"), openssl.path("message")])
        return output.status == 0 && output.stdout.contains("Verified OK")
    }
}
