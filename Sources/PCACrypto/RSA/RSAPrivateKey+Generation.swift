extension RSAPrivateKey {
    /// A new key of `bitCount` bits (even, 512 to 16384; 2048, 3072 and 4096 in practice) with public exponent
    /// `publicExponent`, from `generator`.
    ///
    /// The primes have half the bits each with the top two set, so n has exactly `bitCount` bits; they differ
    /// in their top 100 bits and d exceeds 2^(bitCount/2), as FIPS 186-4 B.3.1 asks.
    public static func generate(bitCount: Int, publicExponent: BigUInt = 65537,
                                using generator: inout some RandomNumberGenerator) throws -> RSAPrivateKey {
        guard bitCount % 2 == 0, (512...16384).contains(bitCount) else {
            throw CryptoKeyError.unsupportedRSAKeySize(bitCount)
        }
        guard publicExponent.isOdd, publicExponent >= 3, publicExponent.bitLength < bitCount / 2 else {
            throw CryptoKeyError.invalidPublicExponent
        }
        let primeBits = bitCount / 2
        let coprimeToExponent = { (prime: BigUInt) in BigUInt.gcd(prime - .one, publicExponent) == .one }
        while true {
            let p = BigUInt.randomPrime(bitCount: primeBits, using: &generator, where: coprimeToExponent)
            let q = BigUInt.randomPrime(bitCount: primeBits, using: &generator, where: coprimeToExponent)
            let (larger, smaller) = p > q ? (p, q) : (q, p)
            guard (larger - smaller).bitLength > primeBits - 100 else { continue }
            let key = try RSAPrivateKey(prime1: larger, prime2: smaller, publicExponent: publicExponent)
            guard key.privateExponent.bitLength > primeBits else { continue }
            return key
        }
    }

    /// A new key of `bitCount` bits with public exponent 65537, from /dev/urandom.
    public static func generate(bitCount: Int) throws -> RSAPrivateKey {
        var random = SecureRandom()
        return try generate(bitCount: bitCount, using: &random)
    }
}
