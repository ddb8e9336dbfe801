/// The odd primes below 8192, for trial division and sieving.
let smallOddPrimes: [UInt64] = {
    let limit = 8192
    var composite = [Bool](repeating: false, count: limit)
    var primes: [UInt64] = []
    for candidate in 3..<limit where !composite[candidate] && candidate % 2 == 1 {
        primes.append(UInt64(candidate))
        for multiple in stride(from: candidate * candidate, to: limit, by: candidate) { composite[multiple] = true }
    }
    return primes
}()

extension BigUInt {
    /// Whether this is prime, up to a chance of at most 4^-`rounds` that a composite passes: trial division
    /// by the small primes, then Miller-Rabin with the base 2 and `rounds - 1` random bases.
    public func isProbablePrime(rounds: Int, using generator: inout some RandomNumberGenerator) -> Bool {
        if self < 2 { return false }
        if !isOdd { return self == 2 }
        for prime in smallOddPrimes {
            if self == BigUInt(prime) { return true }
            if remainder(dividingBy: prime) == 0 { return false }
        }
        return passesMillerRabin(rounds: rounds, using: &generator)
    }

    /// A random prime of exactly `bitCount` bits (at least 32) whose top two bits are set, so that the product
    /// of two has exactly twice the bits, and which `isAcceptable` accepts.
    ///
    /// Sieved: from a random odd start, candidates step by 2 and a table of remainders by the small primes
    /// discards most composites before the first modular exponentiation.
    public static func randomPrime(bitCount: Int, using generator: inout some RandomNumberGenerator,
                                   where isAcceptable: (BigUInt) -> Bool = { _ in true }) -> BigUInt {
        precondition(bitCount >= 32, "random primes here have at least 32 bits")
        let topBits = BigUInt(3) << (bitCount - 2)
        let rounds = millerRabinRounds(bitCount: bitCount)
        while true {
            let start = random(bitCount: bitCount, using: &generator).settingBits(topBits).settingBits(.one)
            let remainders = smallOddPrimes.map { start.remainder(dividingBy: $0) }
            for offset in stride(from: UInt64(0), to: 1 << 16, by: 2)
            where !hasSmallFactor(remainders, offset: offset) {
                let candidate = start + BigUInt(offset)
                guard candidate.bitLength == bitCount else { break }
                if isAcceptable(candidate), candidate.passesMillerRabin(rounds: rounds, using: &generator) {
                    return candidate
                }
            }
        }
    }

    /// Miller-Rabin rounds for a random candidate of `bitCount` bits to be composite with probability below
    /// 2^-100 (FIPS 186-4, table C.2, from the Damgård-Landrock-Pomerance bound).
    static func millerRabinRounds(bitCount: Int) -> Int {
        switch bitCount {
        case 1536...: return 4
        case 1024...: return 5
        case 512...: return 8
        default: return 40
        }
    }

    private func passesMillerRabin(rounds: Int, using generator: inout some RandomNumberGenerator) -> Bool {
        let arithmetic = Montgomery(modulus: self)
        let minusOne = self - .one
        let twos = minusOne.trailingZeroBitCount
        let oddPart = minusOne >> twos
        let minusOneResidue = arithmetic.enter(minusOne)
        for round in 0..<rounds {
            let base = round == 0 ? BigUInt(2) : BigUInt.random(below: self - 3, using: &generator) + 2
            var x = arithmetic.power(arithmetic.enter(base), oddPart)
            if x == arithmetic.one || x == minusOneResidue { continue }
            var reachedMinusOne = false
            for _ in 1..<max(twos, 1) {
                x = arithmetic.multiply(x, x)
                if x == minusOneResidue {
                    reachedMinusOne = true
                    break
                }
            }
            if !reachedMinusOne { return false }
        }
        return true
    }

    private static func hasSmallFactor(_ remainders: [UInt64], offset: UInt64) -> Bool {
        for (index, prime) in smallOddPrimes.enumerated() where (remainders[index] + offset) % prime == 0 {
            return true
        }
        return false
    }

    /// The bitwise or.
    private func settingBits(_ bits: BigUInt) -> BigUInt {
        var limbs = self.limbs + [UInt64](repeating: 0, count: max(0, bits.limbs.count - self.limbs.count))
        for (index, limb) in bits.limbs.enumerated() { limbs[index] |= limb }
        return BigUInt(limbs: limbs)
    }
}
