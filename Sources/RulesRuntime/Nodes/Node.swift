import RulesDiagnostics

/// A node of a compiled expression: a small object whose `eval` computes a word (see
/// `Instance`). Rules are trees of these, built once per distinct parameter binding.
///
/// Why objects and not closures: a node refers to its children through `Unmanaged` references
/// and calls them with a guaranteed (+0) reference, so evaluating a tree does no reference
/// counting at all — the compiled program owns every node (`NodeArena`). Closure contexts cannot
/// be called that way, and their retains and releases cost more than the work itself.
/// Evaluation never throws: an arithmetic fault is recorded in the frame and the rule's result
/// discarded (see `Frame.fail`).
class Node: @unchecked Sendable {
  func eval(_ f: inout Frame) -> Int64 { Word.null }
}

typealias NodeRef = Unmanaged<Node>

extension Unmanaged where Instance == Node {
  @inline(__always)
  func eval(_ f: inout Frame) -> Int64 {
    _withUnsafeGuaranteedRef { $0.eval(&f) }
  }
}

/// Owns every node of a program, so that the `Unmanaged` references between them stay valid
/// for as long as the program lives.
final class NodeArena: @unchecked Sendable {
  private(set) var nodes: [Node] = []

  func add(_ node: Node) -> NodeRef {
    nodes.append(node)
    return .passUnretained(node)
  }
}
