import PCACrypto
import XCTest

/// Properties of the arithmetic on random numbers, known small answers, and references that need no BigUInt.
final class BigUIntTests: XCTestCase {
    private var random = SeededGenerator(seed: 16)

    /// Random numbers of 1 to `maxLimbs` limbs, with some limbs all ones or zero: the edges of carries,
    /// borrows and quotient-digit corrections.
    private func randomNumber(maxLimbs: Int = 40) -> BigUInt {
        let count = Int.random(in: 1...maxLimbs, using: &random)
        let limbs = (0..<count).map { _ -> UInt64 in
            switch Int.random(in: 0..<8, using: &random) {
            case 0: return .max
            case 1: return 0
            case 2: return 1 << 63
            default: return random.next()
            }
        }
        let number = BigUInt(limbs: limbs)
        return number.isZero ? BigUInt(random.next() | 1) : number
    }

    func testBytesAndHexRoundTrip() {
        XCTAssertEqual(BigUInt(bigEndian: [0x01, 0x00]).limbs, [256])
        XCTAssertEqual(BigUInt(bigEndian: [0, 0, 0]), .zero)
        XCTAssertEqual(BigUInt.zero.bigEndianBytes(), [0])
        XCTAssertEqual(BigUInt(0x1234).bigEndianBytes(count: 4), [0, 0, 0x12, 0x34])
        XCTAssertEqual(BigUInt(hex: "0001ffffffffffffffff")?.limbs, [.max, 1])
        XCTAssertNil(BigUInt(hex: "12g4"))
        XCTAssertNil(BigUInt(hex: ""))
        XCTAssertEqual(BigUInt.zero.hexString, "0")
        for _ in 0..<200 {
            let number = randomNumber()
            XCTAssertEqual(BigUInt(bigEndian: number.bigEndianBytes()), number)
            XCTAssertEqual(BigUInt(hex: number.hexString), number)
            XCTAssertEqual(number.bigEndianBytes().count, (number.bitLength + 7) / 8)
        }
    }

    func testAdditionAndSubtractionUndoEachOther() {
        for _ in 0..<300 {
            let a = randomNumber()
            let b = randomNumber()
            XCTAssertEqual(a + b - b, a)
            XCTAssertEqual(a + b, b + a)
            XCTAssertEqual((a + b) >= a, true)
        }
        XCTAssertEqual(BigUInt(limbs: [.max, .max]) + .one, BigUInt(limbs: [0, 0, 1]))
        XCTAssertEqual(BigUInt(limbs: [0, 0, 1]) - .one, BigUInt(limbs: [.max, .max]))
    }

    func testShiftsAreMultiplicationAndDivisionByPowersOfTwo() {
        for _ in 0..<200 {
            let a = randomNumber()
            let count = Int.random(in: 0...200, using: &random)
            let power = BigUInt.one << count
            XCTAssertEqual(a << count, a * power)
            XCTAssertEqual(a >> count, a / power)
            XCTAssertEqual((a << count) >> count, a)
        }
    }

    func testProductDividedByFactorGivesTheOtherFactor() {
        for _ in 0..<300 {
            let a = randomNumber()
            let b = randomNumber()
            let product = a * b
            XCTAssertEqual(product / b, a)
            XCTAssertEqual(product % b, .zero)
            XCTAssertEqual(product / a, b)
            XCTAssertEqual(a * b, b * a)
            XCTAssertEqual(a * (b + .one), a * b + a)
        }
    }

    func testDivisionIdentity() {
        for _ in 0..<500 {
            let a = randomNumber(maxLimbs: 60)
            let b = randomNumber(maxLimbs: 30)
            let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
            XCTAssertLessThan(remainder, b)
            XCTAssertEqual(quotient * b + remainder, a, "\(a) / \(b)")
        }
    }

    /// Divisors whose top two limbs make the first quotient-digit estimate too big (Knuth's step D3 and the
    /// rarer add-back of D6).
    func testDivisionCorrectionCases() {
        let cases: [(BigUInt, BigUInt)] = [
            (BigUInt(limbs: [0, 0, 0x8000_0000_0000_0000]), BigUInt(limbs: [1, 0x8000_0000_0000_0000])),
            (BigUInt(limbs: [0, .max, 0x7fff_ffff_ffff_ffff]), BigUInt(limbs: [.max, 0x8000_0000_0000_0000])),
            (BigUInt(limbs: [3, 0, 0x8000_0000_0000_0000]), BigUInt(limbs: [1, 0, 0x2000_0000_0000_0000])),
            (BigUInt(limbs: [0, 0, 0, 0x8000_0000_0000_0000]), BigUInt(limbs: [1, 0, 0x8000_0000_0000_0000])),
            (BigUInt(limbs: [.max, .max, .max, .max]), BigUInt(limbs: [.max, .max, 1])),
        ]
        for (a, b) in cases {
            let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
            XCTAssertLessThan(remainder, b)
            XCTAssertEqual(quotient * b + remainder, a, "\(a) / \(b)")
        }
    }

    func testSmallNumbersAgainstMachineArithmetic() {
        for _ in 0..<2000 {
            let a = random.next() >> UInt64.random(in: 0...63, using: &random)
            let b = max(1, random.next() >> UInt64.random(in: 0...63, using: &random))
            XCTAssertEqual(BigUInt(a) / BigUInt(b), BigUInt(a / b))
            XCTAssertEqual(BigUInt(a) % BigUInt(b), BigUInt(a % b))
            let (high, low) = a.multipliedFullWidth(by: b)
            XCTAssertEqual(BigUInt(a) * BigUInt(b), BigUInt(limbs: [low, high]))
            XCTAssertEqual(BigUInt.gcd(BigUInt(a), BigUInt(b)), BigUInt(machineGCD(a, b)))
        }
    }

    func testPowerAgainstSlowReference() {
        for _ in 0..<1000 {
            let base = random.next() >> 20
            let exponent = random.next() >> UInt64.random(in: 0...63, using: &random)
            let modulus = max(2, random.next() >> 32)
            XCTAssertEqual(BigUInt(base).power(BigUInt(exponent), modulus: BigUInt(modulus)),
                           BigUInt(slowPower(base, exponent, modulus)), "\(base)^\(exponent) mod \(modulus)")
        }
        XCTAssertEqual(BigUInt(5).power(.zero, modulus: 7), .one)
        XCTAssertEqual(BigUInt(5).power(3, modulus: .one), .zero)
    }

    /// Montgomery exponentiation on RSA-sized odd moduli against square-and-multiply with division.
    func testMontgomeryPowerMatchesDivisionOnLargeModuli() {
        for bits in [64, 65, 127, 256, 1024, 2048] {
            let modulus = (BigUInt.random(bitCount: bits - 2, using: &random) << 1) + (BigUInt.one << (bits - 1)) + .one
            let base = BigUInt.random(bitCount: bits + 10, using: &random)
            let exponent = BigUInt.random(bitCount: 80, using: &random)
            var expected = BigUInt.one
            for index in stride(from: exponent.bitLength - 1, through: 0, by: -1) {
                expected = expected * expected % modulus
                if exponent.bit(index) { expected = expected * (base % modulus) % modulus }
            }
            XCTAssertEqual(base.power(exponent, modulus: modulus), expected, "\(bits) bits")
        }
    }

    func testFermatOnAKnownPrime() throws {
        let p256Prime = try XCTUnwrap(BigUInt(hex: "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"))
        for _ in 0..<5 {
            let a = BigUInt.random(below: p256Prime, using: &random)
            guard !a.isZero else { continue }
            XCTAssertEqual(a.power(p256Prime - .one, modulus: p256Prime), .one)
        }
    }

    func testInverse() {
        for _ in 0..<300 {
            let modulus = randomNumber(maxLimbs: 8) + 2
            let a = randomNumber(maxLimbs: 10)
            let gcd = BigUInt.gcd(a, modulus)
            guard let inverse = a.inverse(modulo: modulus) else {
                XCTAssertNotEqual(gcd, .one, "no inverse of \(a) mod \(modulus) though coprime")
                continue
            }
            XCTAssertEqual(gcd, .one)
            XCTAssertLessThan(inverse, modulus)
            XCTAssertEqual(a * inverse % modulus, .one)
        }
        XCTAssertEqual(BigUInt(3).inverse(modulo: 7), 5)
        XCTAssertNil(BigUInt(6).inverse(modulo: 9))
        let evenModulus = BigUInt.one << 130
        XCTAssertEqual(BigUInt(65537).inverse(modulo: evenModulus).map { $0 * 65537 % evenModulus }, .one)
    }

    func testPrimality() {
        var generator = SeededGenerator(seed: 1)
        let primes: [BigUInt] = [2, 3, 5, 8191, 65537, 2_147_483_647, 18_446_744_073_709_551_557]
        for prime in primes {
            XCTAssertTrue(prime.isProbablePrime(rounds: 20, using: &generator), "\(prime)")
        }
        // Carmichael numbers fool Fermat but not Miller-Rabin; the product of two 64-bit primes has no small factor.
        let composites: [BigUInt] = [0, 1, 4, 561, 41041, 3_215_031_751, 8191 * 8191,
                                     BigUInt(18_446_744_073_709_551_557) * BigUInt(2_147_483_647)]
        for composite in composites {
            XCTAssertFalse(composite.isProbablePrime(rounds: 20, using: &generator), "\(composite)")
        }
        let mersenne127 = (BigUInt.one << 127) - .one
        XCTAssertTrue(mersenne127.isProbablePrime(rounds: 20, using: &generator))
        XCTAssertFalse(((BigUInt.one << 128) - .one).isProbablePrime(rounds: 20, using: &generator))
    }

    /// Our random primes, judged by `openssl prime`.
    func testRandomPrimesAreJudgedPrimeByOpenSSL() throws {
        let openssl = try OpenSSL.required(self)
        for bits in [32, 64, 256, 512, 1024] {
            let prime = BigUInt.randomPrime(bitCount: bits, using: &random)
            XCTAssertEqual(prime.bitLength, bits)
            XCTAssertTrue(prime.bit(bits - 2), "top two bits set")
            let verdict = try openssl.succeed(["prime", "-hex", prime.hexString])
            XCTAssertTrue(verdict.hasSuffix("is prime\n"), verdict)
            let neighbour = try openssl.succeed(["prime", "-hex", (prime + 2).hexString])
            XCTAssertEqual(neighbour.hasSuffix("is prime\n"),
                           (prime + 2).isProbablePrime(rounds: 20, using: &random), neighbour)
        }
    }

    private func machineGCD(_ a: UInt64, _ b: UInt64) -> UInt64 {
        b == 0 ? a : machineGCD(b, a % b)
    }

    /// Square-and-multiply with 64-bit numbers; the modulus is below 2^32 so products fit.
    private func slowPower(_ base: UInt64, _ exponent: UInt64, _ modulus: UInt64) -> UInt64 {
        var result: UInt64 = 1 % modulus
        var square = base % modulus
        var rest = exponent
        while rest > 0 {
            if rest & 1 == 1 { result = result * square % modulus }
            square = square * square % modulus
            rest >>= 1
        }
        return result
    }
}
