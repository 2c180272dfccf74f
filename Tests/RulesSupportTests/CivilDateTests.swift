import RulesSupport
import Testing

@Suite struct CivilDateTests {
  /// Day numbers computed independently (Python's `datetime.date` minus 1970-01-01).
  @Test(arguments: [
    ("1970-01-01", Int32(0)), ("1969-12-31", -1), ("2000-01-01", 10_957),
    ("2000-03-01", 11_017), ("2024-02-29", 19_782), ("2026-11-29", 20_786),
    ("1900-03-01", -25_508), ("1582-10-15", -141_427), ("0001-01-01", -719_162),
    ("9999-12-31", 2_932_896),
  ])
  func knownDayNumbers(text: String, dayNumber: Int32) throws {
    let date = try #require(CivilDate(text))
    #expect(date.dayNumber == dayNumber)
    #expect(date.description == text)
    #expect(CivilDate(dayNumber: dayNumber) == date)
  }

  @Test(arguments: [
    "2026-02-30", "2023-02-29", "1900-02-29", "2100-02-29", "2024-04-31", "2024-13-01",
    "2024-00-10", "2024-01-00", "2024-01-32", "0000-01-01", "", "2024-2-29", "2024-02-9",
    "2024/02/29", "2024-02-290", " 2024-02-29", "2024-02-29 ", "abcd-ef-gh", "+024-01-01",
    "-024-01-01", "２０２４-02-29", "2024-02–29", "20240229", "2024-02-29T00:00",
  ])
  func rejectsInvalidText(text: String) {
    #expect(CivilDate(text) == nil)
    #expect(CivilDate.parse(Array(text.utf8)) == nil)
  }

  @Test(arguments: ["2024-02-29", "2000-02-29", "2400-02-29", "1999-12-31", "0001-01-01"])
  func acceptsRealDates(text: String) throws {
    let date = try #require(CivilDate.parse(text.utf8))
    #expect(date.description == text)
  }

  @Test func componentInitializerValidates() {
    #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
    #expect(CivilDate(year: 10_000, month: 1, day: 1) == nil)
    #expect(CivilDate(year: Int.max, month: Int.min, day: Int.max) == nil)
    #expect(CivilDate(year: 2024, month: 6, day: -1) == nil)
  }

  @Test func componentInitializerEdges() {
    // February 29 by the century rules.
    let leapYears = [
      (2024, true), (2023, false), (2000, true), (1900, false), (2100, false), (2400, true), (4, true), (1, false),
    ]
    for (year, isLeap) in leapYears {
      #expect((CivilDate(year: year, month: 2, day: 29) != nil) == isLeap, "\(year)")
      #expect(CivilDate(year: year, month: 2, day: 28) != nil, "\(year)")
      #expect(CivilDate(year: year, month: 2, day: 30) == nil, "\(year)")
    }
    // Each month's last day, and the day after it.
    let lengths = [(1, 31), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30), (10, 31), (11, 30), (12, 31)]
    for (month, length) in lengths {
      #expect(CivilDate(year: 2023, month: month, day: length) != nil, "\(month)")
      #expect(CivilDate(year: 2023, month: month, day: length + 1) == nil, "\(month)")
    }
    for (year, month, day) in [
      (2024, 0, 1), (2024, 13, 1), (2024, -1, 1), (2024, 99, 1), (2024, 1, 0), (2024, 1, 32), (2024, 12, 32),
      (2024, 1, 99), (0, 12, 31), (-1, 1, 1), (10_000, 1, 1), (Int.min, 1, 1), (Int.max, 1, 1), (2024, Int.min, 1),
      (2024, Int.max, 1), (2024, 1, Int.min), (2024, 1, Int.max),
    ] {
      #expect(CivilDate(year: year, month: month, day: day) == nil, "\(year)-\(month)-\(day)")
    }
    #expect(CivilDate(year: 1, month: 1, day: 1)?.dayNumber == CivilDate.minimumDayNumber)
    #expect(CivilDate(year: 1, month: 2, day: 28)?.dayNumber == CivilDate.minimumDayNumber + 58)
    #expect(CivilDate(year: 1, month: 3, day: 1)?.dayNumber == CivilDate.minimumDayNumber + 59)
    #expect(CivilDate(year: 9999, month: 12, day: 31)?.dayNumber == CivilDate.maximumDayNumber)
    #expect(CivilDate(year: 1970, month: 1, day: 1)?.dayNumber == 0)
  }

  /// Every part of two digits, as identity numbers give them, against a naive calendar: the
  /// initialiser accepts exactly the real days, and consecutive real days have consecutive
  /// day numbers.
  @Test func twoDigitPartsMatchANaiveCalendar() {
    var mismatches = 0
    for year in [1, 2, 4, 99, 100, 400, 1600, 1899, 1900, 1970, 2000, 2023, 2024, 2100, 9999] {
      var previous = CivilDate(year: year, month: 1, day: 1).map { $0.dayNumber - 1 }
      for month in 0...99 {
        for day in 0...99 {
          let length: Int
          switch month {
          case 2: length = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
          case 4, 6, 9, 11: length = 30
          case 1...12: length = 31
          default: length = 0
          }
          let date = CivilDate(year: year, month: month, day: day)
          if (date != nil) != (day >= 1 && day <= length) { mismatches += 1 }
          if let date {
            if let expected = previous, date.dayNumber != expected + 1 { mismatches += 1 }
            previous = date.dayNumber
          }
        }
      }
    }
    #expect(mismatches == 0)
  }

  /// Walks every day of years 1...9999 with a naive calendar and checks both directions.
  @Test func everyDayRoundTrips() throws {
    var year = 1
    var month = 1
    var day = 1
    var expected = CivilDate.minimumDayNumber
    var mismatches = 0
    while year <= 9999 {
      let date = CivilDate(dayNumber: expected)
      if date.year != year || date.month != month || date.day != day { mismatches += 1 }
      if CivilDate(year: year, month: month, day: day)?.dayNumber != expected { mismatches += 1 }
      expected += 1
      day += 1
      if day > CivilDate.daysInMonth(year: year, month: month) {
        day = 1
        month += 1
        if month > 12 {
          month = 1
          year += 1
        }
      }
    }
    #expect(mismatches == 0)
    #expect(expected - 1 == CivilDate.maximumDayNumber)
  }

  @Test func extremeDayNumbersDoNotTrap() {
    for dayNumber in [Int32.min, Int32.max, 0, -1] {
      let date = CivilDate(dayNumber: dayNumber)
      #expect(!date.description.isEmpty)
      #expect((1...12).contains(date.month))
      _ = date.adding(days: 1)
      _ = date.adding(months: 1)
      _ = date.age(at: CivilDate(dayNumber: 0))
    }
    #expect(CivilDate(dayNumber: Int32.max).adding(days: 0) == nil)
    // Month totals near Int64.min and Int64.max must be refused, not overflow.
    for date in [CivilDate(dayNumber: Int32.min), CivilDate(dayNumber: Int32.max)] {
      for k in Int64(0)...Int64(30) {
        #expect(date.adding(months: Int64.min + k) == nil)
        #expect(date.adding(months: Int64.max - k) == nil)
        #expect(date.adding(days: Int64.min + k) == nil)
        #expect(date.adding(days: Int64.max - k) == nil)
      }
    }
  }

  @Test(arguments: [
    ("2024-02-28", Int64(1), "2024-02-29"), ("2024-02-28", 2, "2024-03-01"),
    ("2023-02-28", 1, "2023-03-01"), ("2024-12-31", 1, "2025-01-01"),
    ("2025-01-01", -1, "2024-12-31"), ("2026-11-29", 30, "2026-12-29"),
    ("2026-11-29", 0, "2026-11-29"), ("2000-01-01", 366, "2001-01-01"),
  ])
  func addingDays(start: String, days: Int64, end: String) throws {
    let date = try #require(CivilDate(start))
    #expect(date.adding(days: days)?.description == end)
  }

  @Test func addingDaysOutOfRange() throws {
    let last = try #require(CivilDate("9999-12-31"))
    let first = try #require(CivilDate("0001-01-01"))
    #expect(last.adding(days: 1) == nil)
    #expect(first.adding(days: -1) == nil)
    #expect(first.adding(days: Int64.max) == nil)
    #expect(last.adding(days: Int64.min) == nil)
    #expect(first.adding(days: CivilDate.days(from: first, to: last)) == last)
  }

  @Test(arguments: [
    ("2024-01-31", Int64(1), "2024-02-29"), ("2023-01-31", 1, "2023-02-28"),
    ("2024-03-31", -1, "2024-02-29"), ("2023-03-31", -1, "2023-02-28"),
    ("2024-05-31", 1, "2024-06-30"), ("2024-05-15", 12, "2025-05-15"),
    ("2024-12-15", 1, "2025-01-15"), ("2024-01-15", -1, "2023-12-15"),
    ("2024-01-15", -13, "2022-12-15"), ("2024-02-29", 12, "2025-02-28"),
    ("2024-02-29", 48, "2028-02-29"), ("2026-11-29", 3, "2027-02-28"),
    ("2026-11-29", 0, "2026-11-29"), ("0001-01-31", 119_987, "9999-12-31"),
  ])
  func addingMonths(start: String, months: Int64, end: String) throws {
    let date = try #require(CivilDate(start))
    #expect(date.adding(months: months)?.description == end)
  }

  @Test func addingMonthsOutOfRange() throws {
    let last = try #require(CivilDate("9999-12-01"))
    let first = try #require(CivilDate("0001-01-15"))
    #expect(last.adding(months: 1) == nil)
    #expect(first.adding(months: -1) == nil)
    #expect(first.adding(months: Int64.max) == nil)
    #expect(first.adding(months: Int64.min) == nil)
    #expect(last.adding(months: Int64.min) == nil)
  }

  @Test(arguments: [
    ("2000-02-29", "2001-02-28", 0), ("2000-02-29", "2001-03-01", 1),
    ("2000-02-29", "2004-02-28", 3), ("2000-02-29", "2004-02-29", 4),
    ("1990-03-07", "2026-11-29", 36), ("1990-03-07", "2008-03-07", 18),
    ("1990-03-07", "2008-03-06", 17), ("2000-06-15", "2000-06-15", 0),
    ("2000-06-15", "2000-06-14", -1), ("2000-06-15", "1999-06-15", -1),
    ("2000-06-15", "1999-06-14", -2), ("0001-01-01", "9999-12-31", 9998),
  ])
  func age(birth: String, at: String, years: Int) throws {
    let born = try #require(CivilDate(birth))
    let date = try #require(CivilDate(at))
    #expect(born.age(at: date) == years)
  }

  @Test func daysBetweenAndOrdering() throws {
    let a = try #require(CivilDate("2024-01-01"))
    let b = try #require(CivilDate("2025-01-01"))
    #expect(CivilDate.days(from: a, to: b) == 366)
    #expect(CivilDate.days(from: b, to: a) == -366)
    #expect(a < b)
    #expect([b, a].sorted() == [a, b])
    #expect(Set([a, b, a]).count == 2)
    #expect(a.year == 2024 && a.month == 1 && a.day == 1)
  }

  @Test func leapYears() {
    #expect(CivilDate.isLeapYear(2000))
    #expect(CivilDate.isLeapYear(2024))
    #expect(!CivilDate.isLeapYear(1900))
    #expect(!CivilDate.isLeapYear(2023))
    #expect(CivilDate.daysInMonth(year: 2023, month: 13) == 0)
  }
}
