import Foundation
import Nonrel

/// One conformance case: a named, self-contained scenario written against the public ORM API.
/// It runs against the default database alias, which ``ConformanceSuite/run(_:on:)`` binds to a
/// fresh backend.
public struct ConformanceCase: Sendable, CustomStringConvertible {
    /// `area.topic.detail`, e.g. `lookups.string.icontains_folds_unicode`.
    public let name: String
    public let run: @Sendable () async throws -> Void

    public init(_ name: String, _ run: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.run = run
    }

    /// The area (the name's first component), for grouping and reports.
    public var area: String { String(name.prefix { $0 != "." }) }

    public var description: String { name }
}

/// A failed expectation: what was expected, what the backend did, and where.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let file: String
    public let line: Int

    public init(_ message: String, file: String = #fileID, line: Int = #line) {
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { "\(message) (\(file):\(line))" }
}

// MARK: - Expectations

func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ message: @autoclosure () -> String = "",
                               file: String = #fileID, line: Int = #line) throws {
    guard actual == expected else {
        let context = message()
        throw ConformanceFailure("\(context.isEmpty ? "" : context + ": ")expected \(expected), got \(actual)", file: file, line: line)
    }
}

func expectTrue(_ condition: Bool, _ message: @autoclosure () -> String, file: String = #fileID, line: Int = #line) throws {
    guard condition else { throw ConformanceFailure(message(), file: file, line: line) }
}

func expectNil<T>(_ value: T?, _ message: @autoclosure () -> String = "", file: String = #fileID, line: Int = #line) throws {
    guard value == nil else {
        throw ConformanceFailure("\(message()): expected nil, got \(value!)", file: file, line: line)
    }
}

func unwrap<T>(_ value: T?, _ message: @autoclosure () -> String = "", file: String = #fileID, line: Int = #line) throws -> T {
    guard let value else { throw ConformanceFailure("\(message()): unexpectedly nil", file: file, line: line) }
    return value
}

/// Numbers from aggregates may come back as int, double or decimal; compares by value.
func expectNumber(_ actual: Value?, _ expected: Double, _ message: @autoclosure () -> String = "",
                  accuracy: Double = 1e-9, file: String = #fileID, line: Int = #line) throws {
    guard let actual, let number = actual.doubleValue, abs(number - expected) <= accuracy else {
        throw ConformanceFailure("\(message()): expected the number \(expected), got \(actual.map(\.description) ?? "no value")", file: file, line: line)
    }
}

/// Runs `body` and checks that it throws a ``NonrelError`` of `kind` whose message contains
/// every string of `mentioning` (case-insensitively).
func expectError(_ kind: NonrelError.Kind, mentioning: [String] = [], _ message: @autoclosure () -> String = "",
                 file: String = #fileID, line: Int = #line, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as NonrelError {
        guard error.kind == kind else {
            throw ConformanceFailure("\(message()): expected a \(kind) error, got \(error)", file: file, line: line)
        }
        for text in mentioning where !error.message.lowercased().contains(text.lowercased()) {
            throw ConformanceFailure("\(message()): the \(kind) error should mention \"\(text)\": \(error.message)", file: file, line: line)
        }
        return
    } catch let failure as ConformanceFailure {
        throw failure
    } catch {
        throw ConformanceFailure("\(message()): expected a NonrelError.\(kind), got \(type(of: error)): \(error)", file: file, line: line)
    }
    throw ConformanceFailure("\(message()): expected a \(kind) error, but nothing was thrown", file: file, line: line)
}

// MARK: - Dates

let utcCalendar: Calendar = {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
}()

/// A UTC date.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, ms: Int = 0) -> Date {
    let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    let date = utcCalendar.date(from: components)!
    return date.addingTimeInterval(Double(ms) / 1000)
}

/// Date parts in UTC, as the transforms compute them.
enum Parts {
    static func year(_ d: Date) -> Int { utcCalendar.component(.year, from: d) }
    static func month(_ d: Date) -> Int { utcCalendar.component(.month, from: d) }
    static func day(_ d: Date) -> Int { utcCalendar.component(.day, from: d) }
    static func hour(_ d: Date) -> Int { utcCalendar.component(.hour, from: d) }
    static func minute(_ d: Date) -> Int { utcCalendar.component(.minute, from: d) }
    static func second(_ d: Date) -> Int { utcCalendar.component(.second, from: d) }
    /// Sunday = 1 ... Saturday = 7.
    static func weekDay(_ d: Date) -> Int { utcCalendar.component(.weekday, from: d) }
    /// Monday = 1 ... Sunday = 7.
    static func isoWeekDay(_ d: Date) -> Int { (weekDay(d) + 5) % 7 + 1 }
    static func quarter(_ d: Date) -> Int { (month(d) - 1) / 3 + 1 }
    static func startOfDay(_ d: Date) -> Date { utcCalendar.startOfDay(for: d) }
}
