import Testing

@testable import RulesSupport

/// The stack behind the decoder's words, an evaluation's findings and `check`'s output, against
/// an array doing the same.
@Suite struct RawStackTests {
  @Test func appendsGrowAndKeepEveryValue() {
    var stack = RawStack<Int64>(capacity: 1)
    var expected: [Int64] = []
    for value in 0..<100 as Range<Int64> {
      stack.append(value)
      expected.append(value)
    }
    stack.append(-1, times: 40)
    expected += Array(repeating: -1, count: 40)
    let added = stack.appendUninitialized(3)
    for offset in 0..<3 { (added + offset).initialize(to: Int64(1000 + offset)) }
    expected += [1000, 1001, 1002]
    // Read into values first: the expectation macros take copies, and a stack has none.
    let (values, count, value) = (stack.array, stack.count, stack[57])
    #expect(values == expected)
    #expect(count == expected.count)
    #expect(value == 57)
  }

  @Test func setIgnoresIndexesNotAppended() {
    var stack = RawStack<Int64>(capacity: 4)
    stack.append(1, times: 3)
    stack.set(1, to: 9)
    stack.set(3, to: 9)
    stack.set(-1, to: 9)
    let values = stack.array
    #expect(values == [1, 9, 1])
  }

  @Test func moveTakesTheTailOfAnother() {
    var words = RawStack<Int64>(capacity: 2)
    var pending = RawStack<Int64>(capacity: 2)
    words.append(7)
    for value in 1...30 as ClosedRange<Int64> { pending.append(value) }
    words.move(from: &pending, from: 10)
    let (moved, left) = (words.array, pending.array)
    #expect(moved == [7] + Array(11...30))
    #expect(left == Array(1...10))
    words.move(from: &pending, from: 10)
    let count = words.count
    #expect(count == 21)
  }

  @Test func emptyingKeepsTheStackUsable() {
    var stack = RawStack<Int64>(capacity: 2)
    stack.append(5, times: 50)
    stack.removeLast(from: 20)
    let shortened = stack.count
    stack.removeLast(from: 30)
    let unchanged = stack.count
    stack.removeAll()
    let emptied = stack.isEmpty
    stack.append(3)
    let values = stack.array
    #expect(shortened == 20)
    #expect(unchanged == 20)
    #expect(emptied)
    #expect(values == [3])
  }
}
