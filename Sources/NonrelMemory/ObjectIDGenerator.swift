import Foundation
import Synchronization

/// Generates primary keys in MongoDB's ObjectId form: 4 bytes of seconds since the epoch, 5
/// random bytes fixed per process, a 3-byte counter; 24 lowercase hexadecimal characters.
/// Keys increase strictly in generation order (the clock never goes back here).
enum ObjectIDGenerator {
    private struct State {
        var seconds: UInt32 = 0
        var counter: UInt32 = UInt32.random(in: 0..<(1 << 22))
        let random: UInt64 = UInt64.random(in: 0..<(1 << 40))
    }

    private static let state = Mutex(State())

    /// A new key, greater than every key generated before it in this process.
    static func next() -> String {
        let (seconds, random, counter) = state.withLock { state in
            let now = UInt32(clamping: Int64(Date().timeIntervalSince1970))
            if now > state.seconds {
                state.seconds = now
            }
            state.counter += 1
            if state.counter >= 1 << 24 {
                // Counter exhausted within one second: borrow the next second.
                state.seconds += 1
                state.counter = 0
            }
            return (state.seconds, state.random, state.counter)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: seconds >> UInt32(shift))) }
        for shift in stride(from: 32, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: random >> UInt64(shift))) }
        for shift in stride(from: 16, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: counter >> UInt32(shift))) }
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(24)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
