/// The demo estate's fixed CA keys, one per demo CA, made once with `openssl genpkey`.
///
/// They are demo data, not secrets: anyone can read them here. Fixed keys keep the demo fast (an RSA-4096 key
/// takes about 15 s to make in a debug build) and its certificates reproducible; a CA created through the API
/// gets a key of its own instead, kept in the state file.
enum DemoKeys {
    /// The key of each demo CA, by the name `CAKey.demo` stores.
    static let all: [String: CAKey] = [
        "root": .rsa(prime1: "ea998ab3893fa038adc5abdb931bedc5e240459b15e5a00b3aae60a78a300f3a16e22c80871cb47e080dc314879e34ebe85c96b329a5464f0847cc28f3e3e59b7ebe27fccf848ac0d56734ddeae59272ce6cc8f3b3dcc1e8a7029067a73fb1582125a452109d26bb5bde0a3776285fa4c321bacb41b99bba9a7fecd77eb4d8dab6a40f4abf8d187c3df4ca35c4e93b8612d8c4867e688d7d16ae044cc11f2038ad035d5ea91f2e9ed6f315a90240001f1cd93b7d9706780519daa52ffb7ac7961b11b8ec3a3d17edc0f5eaefa9bd71838020af9ca77684d0994d300a38fc37e2a7c69575bce92530851bdd67c73c67aabe57ba23af3a28e853f01df03c993741",
                 prime2: "d23654e82c9609a9c7df832823578cf2e983845cbff03304c7684e3f54eff1feaf64abd2c1fcb00cf02f20e86b2be4f0c60ff51de7996456cf88d711b010bbf795ef64e82eb35625d7a7aad550c052311ebc5e008ac068017bbcfd6c64e2d29a49255e1726403cfaeb4c67ea2464f7a3ea3775c481b6d4765ba6aeb86aecc9888121ca14c03734e555780d2778375ab1b0889dbef1ec40abd6b81826528de4652647d408b1ba99f638f9a17ccffa86e6d50249e476c75d632ea9df8166c80c99bad190fc1ce7c650bfd6e2ca0eabeff5158e023ff968764e47e8247fb2ed8fad13e146552ea6e46ef509b66f1e3a6a5e552813120399e07ee6adf508d8fd3787", publicExponent: "10001"),
        "web": .ec(curve: "EC_prime256v1", scalar: "1913bc1f10b0f5be16cc44b53921964e69a90b1a911de1d3e80c5d563f4ec7cf"),
        "internalCA": .rsa(prime1: "cae75d717d6e3685ab84e5e46a286b4e179f8eb582f9090503deedff107e2d26389d42d2379ebff47cc0aacc8bf82340c32d54702f3a06c371ae4bb9cc0ad90df9975a1c61727e5b818b28eb81c4223f04b20a008104df42f726c70996d8b104a28d5b93c46adc8228fab7347118455686f588d027232b331fef21e3a360eb8f",
                 prime2: "b8bfd8d3a82e1c1c2198b6a1a5acc6bb6bb91b95d020fe9a7da6a327288e9d3cfe998e93d06b1e88b4592c275ac93102505290ed96385f22c9285eb4a24d790d78927e745c32fb8f292eb10577ae60af34d9283567b87b2029e91aaf23e1d012ea338bebf38ad95ea2c25bf6ee240f40026f1d7d199c218fd910c967a28cc187", publicExponent: "10001"),
        "payments": .ec(curve: "EC_secp384r1", scalar: "cee3c789fc8fe4197bbf0e2301dc54b1bfecfc4eb3396f4b1cbe2698bff361b95cd6f7aa509637f91e37da98f751fdaa"),
        "iot": .rsa(prime1: "ce89356ed2cd91cf3de23b9de31f0ff99531be06f704d1a23c7f5af91eaa2c4ae3611c9351bddbe6156d64ba610be8820dd641945bd956978441ccfb6ac38018bbe75f8f7812ffa80399d0e8275f383141a923595d82f89f1cd298d08ef6def7c95a9b9655fee4927605919d2cb2d37f39737770349576e676f93b34807e3e7947413df028263c6b4080530e55a27ebfdb38073e259e4cf2f6293f6ad0fe3a7427bd0931416e0a7b912f9c6a4c4a963fe8b5d6e2be1d76a63025f4d7fc541a65",
                 prime2: "c4d966004c392a5a5d92d427968a53fc03c5f0424d2922c5003169d5ac42e844b97951fd0e68017ca9208ec8fb93083bfc9370f84848918d9a6eb7de9c385471474bbfbbfa8701dff6557bd0b6ca001585834d5354c394be7c73eed506a1f6f44c225286c47492f970aa5f742756d6bc1ebc9e8ac0937bf3e79fd834e1101acd319df60bc1fd215f9f923a488e15a6e735f8f5611092d89db3c45a8911d350028db29a068659611d83c0a4b9377440335014d63ddf4299dd13525bd3b041df7b", publicExponent: "10001"),
        "staging": .ec(curve: "EC_prime256v1", scalar: "81316c542230e62ac77d23dc12a94f2c36c7013b1f053423e38d976da3761539"),
        "legacy": .rsa(prime1: "eba4804dbe3012f0a192313abff1f03cd6c4a2431bd188dfd383427f741d41946ddca5f39e863d90211162681492b5adbc633f57755e28aabd3a63dcc0b13f2ee2bd412c323ebf76e2bd746e8d250902c05d0d9142776b6c99a164946e1f1541bb5f05657c00aa08d281ccc17a3e838e9c1a5bd2b187a506f0a0b3c723c81467",
                 prime2: "b6bdca98f29f90080cb144c045bf57def41cb69e07651fd9dda0f7846e1efbda6976b669ea6d2010ed1e20478aa8a686d123e0cab229257c4a8b5a48ff02f31d4c7bfa26e2fb9e3fb9a5225abd52bf86c455f2cf495d9636af84cdb7a5ae5557d5ec744e7795830c23307a1eacb3155fd38e45d7ef4d67ead644057844014dc7", publicExponent: "10001"),
        "partner": .rsa(prime1: "e8f301c58c267de6cda38a0c1cdab8f5d42a63ed60e16402efe7cfb26ec58afd68473a552f4dde58bf21dee153dd7a8c19f3947adc1d7deefa43494c4b1d260647e3a093d049dcad579cfb868600259f4f6e34bb73a825061c6b6bcef5c936363a90b0f9ed751a9ce2e20de172af8fd235334b941ec4c4af5f8b7cd626d00297",
                 prime2: "c5ed0abc24ed54f49eb2f2010c81b06da8bac2db9c8eb6e3695fc9922cde460cb3fe3f92d9eb3c50acf15fc1d3ce676f1739ff84e226fff602c52a6f232b24a1798d3e3c0f90cea829ef37ae4a8c3ad426c91fb8d0ca3c0ed2c7625c8ff17fab608da8b78c9f792cdeb9d9d514278f796c10c4291a96947ed5ed499e1068f8a5", publicExponent: "10001"),
        "decommissioned": .rsa(prime1: "db31176d06a8fa69ae3c997ff1270454b68a8c09dab823dad49edbd7c444cc9c1025fe87cc634497932c505edc4db2a5dbac25e65a2ac1a486b68f5972c18d34f513a4577b5ff1c63bb2aaae9fa898f918b93eaf94deb5824639acd8716e8d870c5eebecbdbbee48e8f4b876bec9a04230bc4e7a50834536658f16d68c08bca5",
                 prime2: "cfc352194f5c7733f544955748d132f749fd13ed82d3afc82d40e256f2fabc014cc02f431e02443072e98ee93e02b70bb1896e9df755f849145eb2f5c3b8939a50638c6c9a57d955c0ac123bd7d56d1db72eee8eece125c1e6265b5d39b5ba70c6edea9de640f6dfddc0e19b919715cd6429602c0f25fcf6303f92e26343d093", publicExponent: "10001"),
        "tokyo": .ec(curve: "EC_secp384r1", scalar: "bfeb2c61b4e8db1fe1a4719eb7ceaeb9aab9e6efb4084ae6ae192f3360bf707d11a3ec11e5c729eec76ce20f744f2df"),
        "shared": .ec(curve: "EC_prime256v1", scalar: "a0c2ead00c71416af913af3bfa4db06e298a95a3c5b960c9359e5726f69672ae"),
    ]

    /// The name of the fixed key of the demo CA `id` (`DemoSeed.ID`), if it has one.
    static func name(forCA id: String) -> String? {
        names[id]
    }

    private static let names: [String: String] = [
        DemoSeed.ID.root: "root", DemoSeed.ID.web: "web", DemoSeed.ID.internalCA: "internalCA",
        DemoSeed.ID.payments: "payments", DemoSeed.ID.iot: "iot", DemoSeed.ID.staging: "staging",
        DemoSeed.ID.legacy: "legacy", DemoSeed.ID.partner: "partner", DemoSeed.ID.decommissioned: "decommissioned",
        DemoSeed.ID.tokyo: "tokyo", DemoSeed.ID.shared: "shared",
    ]
}
