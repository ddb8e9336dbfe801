import PCATerminalUI

/// What a read effect is for, so a newer one can cancel what it makes pointless. A reload or a session switch
/// starts a new generation: the reducer would drop the old load's answers anyway, but its requests would still be
/// spent against the account's rate limits (and at thousands of CAs, for minutes). A second identity read is a
/// session switch: the first one's answer is the old account's.
enum LoadSlot: Equatable {
    /// The listing and what follows it (retries of estate targets, ACM certificates) for one generation.
    case generation(Int)
    case identity

    init?(_ effect: AppEffect) {
        switch effect {
        case let .loadInventory(generation), let .retryEstateTargets(generation, _), let .loadACMCertificates(generation):
            self = .generation(generation)
        case .loadIdentity:
            self = .identity
        default:
            return nil
        }
    }

    /// True when starting `self` makes a running `other` pointless: anything of an older generation (a retry or an
    /// ACM read of the same generation runs beside its listing, never instead of it), or an older identity read.
    func supersedes(_ other: LoadSlot?) -> Bool {
        switch (self, other) {
        case let (.generation(new), .generation(old)?):
            return old < new
        case (.identity, .identity?):
            return true
        default:
            return false
        }
    }
}
