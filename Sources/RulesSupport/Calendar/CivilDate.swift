/// A calendar date in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Application dates (`filingDate`, `birthDate`, `expiresOn`…) are civil dates: comparing them
/// must not depend on the machine's time zone, so this type is a plain day count and never
/// touches Foundation's `Date` or `Calendar`.
///
/// Values built by `init?(year:month:day:)`, `parse(_:)`, `init?(_:)` and the `adding`
/// methods always lie in years 1...9999; `init(dayNumber:)` takes any day number on trust.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The number of days since 1970-01-01 (negative before it).
  public let dayNumber: Int32

  /// The day number of 0001-01-01, the earliest date the validating initialisers produce.
  public static let minimumDayNumber: Int32 = -719_162
  /// The day number of 9999-12-31, the latest date the validating initialisers produce.
  public static let maximumDayNumber: Int32 = 2_932_896

  /// Creates the date with the given day number; the caller guarantees it is meaningful.
  public init(dayNumber: Int32) {
    self.dayNumber = dayNumber
  }

  /// Creates a date from its parts, or nil unless they name a real day in years 1...9999.
  /// Inlinable, as the checks and the arithmetic under it, so that callers in other modules
  /// that read the parts as digits (identity numbers) get a copy specialised for them; always
  /// inlined, as is the arithmetic, since a call and its optional result cost about as much as
  /// the work.
  @inlinable @inline(__always)
  public init?(year: Int, month: Int, day: Int) {
    // Unsigned, each comparison checks both ends of its range (a part below 1 wraps round).
    guard UInt(bitPattern: year &- 1) < 9999, UInt(bitPattern: month &- 1) < 12 else { return nil }
    guard day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
    // Years 1...9999 keep the day number well inside Int32.
    self.dayNumber = Int32(truncatingIfNeeded: CivilDate.daysFromCivil(year: year, month: month, day: day))
  }

  /// Parses a strict `YYYY-MM-DD` date: exactly ten ASCII bytes naming a real calendar day.
  public static func parse(_ bytes: some Collection<UInt8>) -> CivilDate? {
    if let fast = bytes.withContiguousStorageIfAvailable({ parse(bytes: $0) }) { return fast }
    return parse(bytes: Array(bytes))
  }

  /// `parse(_:)` on contiguous bytes, without generic overhead (the decoder's hot path).
  public static func parse(bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    guard bytes.count == 10 else { return nil }
    return parseTen(bytes)
  }

  static func parse(bytes: [UInt8]) -> CivilDate? {
    bytes.withUnsafeBufferPointer { parse(bytes: $0) }
  }

  private static func parseTen(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
    // The caller checked the length: ten bytes, `YYYY-MM-DD`.
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func digit(_ offset: Int) -> Int? {
      let value = bytes[offset] &- UInt8(ascii: "0")
      return value < 10 ? Int(value) : nil
    }
    guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
      let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
    else { return nil }
    return CivilDate(
      year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
  }

  /// Parses a strict `YYYY-MM-DD` date, like `parse(_:)`.
  public init?(_ string: String) {
    guard let date = CivilDate.parse(string.utf8) else { return nil }
    self = date
  }

  /// The year (1...9999 for validated dates).
  public var year: Int { Int(civil.year) }
  /// The month, 1...12.
  public var month: Int { Int(civil.month) }
  /// The day of the month, 1...31.
  public var day: Int { Int(civil.day) }

  /// The ISO 8601 form, `YYYY-MM-DD`.
  public var description: String {
    let parts = civil
    if parts.year >= 0 && parts.year <= 9999 {
      // The usual date: ten ASCII bytes, which make a small string without allocating.
      return String(unsafeUninitializedCapacity: 10) { buffer in
        let year = Int(parts.year)
        let month = Int(parts.month)
        let day = Int(parts.day)
        buffer[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year / 1000)
        buffer[1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year / 100 % 10)
        buffer[2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year / 10 % 10)
        buffer[3] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year % 10)
        buffer[4] = UInt8(ascii: "-")
        buffer[5] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: month / 10)
        buffer[6] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: month % 10)
        buffer[7] = UInt8(ascii: "-")
        buffer[8] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: day / 10)
        buffer[9] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: day % 10)
        return 10
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(11)
    var year = parts.year
    if year < 0 {
      bytes.append(UInt8(ascii: "-"))
      year = -year
    }
    CivilDate.appendDigits(of: year, width: 4, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    CivilDate.appendDigits(of: parts.month, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "-"))
    CivilDate.appendDigits(of: parts.day, width: 2, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether `lhs` comes before `rhs`.
  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    lhs.dayNumber < rhs.dayNumber
  }

  /// The date `days` days later (earlier if negative), or nil outside years 1...9999.
  public func adding(days: Int64) -> CivilDate? {
    let (sum, overflow) = Int64(dayNumber).addingReportingOverflow(days)
    guard !overflow else { return nil }
    return CivilDate.validated(dayNumber: sum)
  }

  /// The date `months` calendar months later (earlier if negative), or nil outside 1...9999.
  ///
  /// A day that does not exist in the target month becomes that month's last day, so
  /// 2024-01-31 plus one month is 2024-02-29 and 2023-03-31 minus one month is 2023-02-28.
  public func adding(months: Int64) -> CivilDate? {
    let parts = civil
    // Counting months from year 0 keeps the arithmetic in one place; Int64 cannot overflow
    // for the stored year, so only the caller's offset needs checking.
    let base = parts.year * 12 + (parts.month - 1)
    let (total, overflow) = base.addingReportingOverflow(months)
    guard !overflow else { return nil }
    let year = CivilDate.floorDivide(total, 12)
    // Checked before `year * 12`, which could overflow for a total near Int64.min.
    guard (1...9999).contains(year) else { return nil }
    let month = total - year * 12 + 1
    let lastDay = Int64(CivilDate.daysInMonth(year: Int(year), month: Int(month)))
    let day = Swift.min(parts.day, lastDay)
    // A real day of years 1...9999: no need to validate it again.
    return CivilDate(
      dayNumber: Int32(truncatingIfNeeded: CivilDate.daysFromCivil(year: Int(year), month: Int(month), day: Int(day))))
  }

  /// The age in completed years on `date` of someone born on this date.
  ///
  /// The result is the largest `n` whose `n`-th birthday is on or before `date`. Someone born
  /// on 29 February has their birthday on 1 March in common years (2000-02-29 turns 1 on
  /// 2001-03-01, not on 2001-02-28), the reading used for age limits in mainland China.
  /// Before the birth date the result is negative (the day before birth gives -1), so any
  /// "at least N years old" test fails for an unborn person without a special case.
  public func age(at date: CivilDate) -> Int {
    let birth = civil
    let now = date.civil
    var years = now.year - birth.year
    // Comparing (month, day) pairs also handles 29 February: in a common year no date equals
    // (2, 29), so the anniversary is first reached on 1 March.
    if now.month < birth.month || (now.month == birth.month && now.day < birth.day) {
      years -= 1
    }
    return Int(years)
  }

  /// The number of days from `from` to `to`, negative when `to` is earlier.
  public static func days(from: CivilDate, to: CivilDate) -> Int64 {
    Int64(to.dayNumber) - Int64(from.dayNumber)
  }

  /// Whether `year` is a leap year in the proleptic Gregorian calendar.
  @inlinable
  public static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in the given month (1...12) of `year`, or 0 for an invalid month.
  @inlinable
  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: return 31
    case 4, 6, 9, 11: return 30
    case 2: return isLeapYear(year) ? 29 : 28
    default: return 0
    }
  }

  // MARK: - Hinnant's algorithms (http://howardhinnant.github.io/date_algorithms.html)

  private var civil: (year: Int64, month: Int64, day: Int64) {
    CivilDate.civilFromDays(Int64(dayNumber))
  }

  private static func validated(dayNumber: Int64) -> CivilDate? {
    guard dayNumber >= Int64(minimumDayNumber), dayNumber <= Int64(maximumDayNumber) else {
      return nil
    }
    return CivilDate(dayNumber: Int32(truncatingIfNeeded: dayNumber))
  }

  /// Days since 1970-01-01 of a date given as a year from 1 on, a month 1...12 and a day
  /// 1...31 (the validating initialiser's checks).
  ///
  /// The leap days before the date are those of the years before the one holding its
  /// February: up to `year - 1` in January and February, up to `year` from March on, when
  /// this year's leap day (if any) has passed. The days of the months before `month` in a
  /// common year are `30 · (month - 1)` plus a small correction, read from a word of 3-bit
  /// fields rather than a table (which would be a global to load). From year 1 on every step
  /// is non-negative, so unsigned division by constants, which compiles to multiplications,
  /// is floor division; nothing comes near overflowing.
  @inlinable @inline(__always)
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let leapYears = UInt64(truncatingIfNeeded: month <= 2 ? year &- 1 : year)
    let centuries = leapYears / 100
    let leapDays = leapYears / 4 &- centuries &+ centuries / 4
    let m = UInt64(truncatingIfNeeded: month)
    // Field `month` holds the days before the month minus 30 · (month - 1), plus 1 (the
    // correction is -1 for March): 1 2 0 1 1 2 2 3 4 4 5 5.
    let correction: UInt64 = 0o55_4432_2110_210 >> (3 &* m) & 7
    let yearDays = 365 &* UInt64(truncatingIfNeeded: year) &+ leapDays
    let days = yearDays &+ 30 &* m &+ correction &+ UInt64(truncatingIfNeeded: day)
    // 1970-01-01 gives 719 559 above.
    return Int64(truncatingIfNeeded: days) &- 719_559
  }

  /// The year, month and day of a day number; the inverse of `daysFromCivil`.
  ///
  /// Neri and Schneider's algorithm ("Euclidean affine functions and their application to
  /// calendar algorithms", 2022): 32-bit unsigned arithmetic on day numbers shifted by 82
  /// eras, whose divisions by constants are multiplications. It agrees with Hinnant's
  /// algorithm, kept for the day numbers beyond its range, on every day number it takes (checked
  /// one by one).
  static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    guard days >= -12_699_422, days <= 1_060_000_000 else { return civilFromDaysByEras(days) }
    let shifted = UInt32(truncatingIfNeeded: days &+ 12_699_422)  // 719 468 + 82 · 146 097
    let centuryQuarters = 4 &* shifted &+ 3
    let century = centuryQuarters / 146_097
    let dayOfCentury = centuryQuarters % 146_097 / 4
    let yearProduct = UInt64(2_939_745) &* UInt64(4 &* dayOfCentury &+ 3)
    let yearOfCentury = UInt32(truncatingIfNeeded: yearProduct >> 32)
    // The day of a year that starts on 1 March.
    let dayOfYear = UInt32(truncatingIfNeeded: yearProduct) / 2_939_745 / 4
    let monthDay = 2141 &* dayOfYear &+ 197_913
    let isJanuaryOrFebruary = dayOfYear >= 306
    let year = Int64(100 &* century &+ yearOfCentury) - 32_800 + (isJanuaryOrFebruary ? 1 : 0)
    let month = Int64(monthDay >> 16) - (isJanuaryOrFebruary ? 12 : 0)
    return (year, month, Int64((monthDay & 0xFFFF) / 2141) + 1)
  }

  /// `civilFromDays` for any day number, era by era (Hinnant). Within an era the steps are
  /// unsigned (a day of the era is 0..<146 097), so their divisions by constants compile to
  /// multiplications without sign corrections.
  private static func civilFromDaysByEras(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days &+ 719_468
    let era = z >= 0 ? Int64(truncatingIfNeeded: UInt64(truncatingIfNeeded: z) / 146_097) : floorDivide(z, 146_097)
    let dayOfEra = UInt64(truncatingIfNeeded: z &- era &* 146_097)
    let yearOfEra = (dayOfEra &- dayOfEra / 1460 &+ dayOfEra / 36_524 &- dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra &- (365 &* yearOfEra &+ yearOfEra / 4 &- yearOfEra / 100)
    let shiftedMonth = (5 &* dayOfYear &+ 2) / 153
    let day = Int64(truncatingIfNeeded: dayOfYear &- (153 &* shiftedMonth &+ 2) / 5 &+ 1)
    let month = Int64(truncatingIfNeeded: shiftedMonth < 10 ? shiftedMonth &+ 3 : shiftedMonth &- 9)
    let year = Int64(truncatingIfNeeded: yearOfEra) &+ era &* 400 &+ (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// Division rounding towards negative infinity, for a positive divisor.
  private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor < 0) ? quotient - 1 : quotient
  }

  private static func appendDigits(of value: Int64, width: Int, to bytes: inout [UInt8]) {
    var digits: [UInt8] = []
    var rest = value
    repeat {
      digits.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10))
      rest /= 10
    } while rest > 0
    if digits.count < width {
      bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
    }
    bytes.append(contentsOf: digits.reversed())
  }
}
