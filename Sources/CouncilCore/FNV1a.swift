/// FNV-1a, 64 bits: a fast, stable hash of bytes, for names that must not change between runs (a business's
/// tag in its UIDs, the export manifest's hash of the plan files). Not for secrets.
public struct FNV1a: Sendable {
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable public init() {}

    /// Inlinable: the attendance reader hashes every cell it reads through here.
    @inlinable public mutating func mix(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }
}
