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
///
/// A node may find, when it is built, a cheaper node that computes the same value in the same
/// order — `x == 3` as a range test, `not is_ip_address(x)` as one node — and keep it as its
/// `replacement`; parents and rules then evaluate the replacement (see `Operand.init`). The
/// original stays what `--explain` and the node tree show.
class Node: @unchecked Sendable {
  /// Owned here, so that it lives as long as this node (which the arena owns).
  var replacement: Node?

  func eval(_ f: inout Frame) -> Int64 { Word.null }

  /// A node computing the logical negation of this one's truth, when one can directly.
  func negation() -> Node? { nil }
}

typealias NodeRef = Unmanaged<Node>

extension Unmanaged where Instance == Node {
  @inline(__always)
  func eval(_ f: inout Frame) -> Int64 {
    _withUnsafeGuaranteedRef { $0.eval(&f) }
  }
}

/// A node's child, evaluated in place — without a call — when it is a constant, a field of the
/// application's own record or of a record in it, a binding, or a field of a bound record:
/// the leaves of most rules. Anything else is a node to call.
enum Operand {
  case constant(Int64)
  /// `words[field]`
  case rootField(Int)
  /// `words[words[outer] + field]`, through a record field that is never null.
  case rootPath(Int, Int)
  /// `locals[slot]`
  case binding(Int)
  /// `words[locals[slot] + field]`, through a binding of a record.
  case bindingField(Int, Int)
  /// `as_of`
  case day
  /// `count(list)` of a list field of the application's record (null counts 0).
  case rootFieldCount(Int)
  /// `count(list)` of a list field of a bound record.
  case bindingFieldCount(Int, Int)
  case node(NodeRef)

  /// The operand that computes what `node` computes.
  init(_ original: NodeRef) {
    var node = original
    if let replacement = original.takeUnretainedValue().replacement { node = .passUnretained(replacement) }
    let object = node.takeUnretainedValue()
    if let constant = object as? ConstantNode {
      self = .constant(constant.value)
    } else if let field = object as? RootFieldNode {
      self = .rootField(field.field)
    } else if let binding = object as? BindingNode {
      self = .binding(binding.slot)
    } else if let field = object as? FieldNode {
      let base = field.base.takeUnretainedValue()
      if let outer = base as? RootFieldNode {
        self = .rootPath(outer.field, field.field)
      } else if let binding = base as? BindingNode {
        self = .bindingField(binding.slot, field.field)
      } else {
        self = .node(node)
      }
    } else if object is EvaluationDateNode {
      self = .day
    } else if let count = object as? CountNode {
      switch count.list {
      case .rootField(let field): self = .rootFieldCount(field)
      case .bindingField(let slot, let field): self = .bindingFieldCount(slot, field)
      default: self = .node(node)
      }
    } else {
      self = .node(node)
    }
  }

  @inline(__always)
  func eval(_ f: inout Frame) -> Int64 {
    switch self {
    case .constant(let value): return value
    case .rootField(let field): return f.words[field]
    case .rootPath(let outer, let field): return f.words[Int(f.words[outer]) &+ field]
    case .binding(let slot): return f.locals[slot]
    case .bindingField(let slot, let field): return f.words[Int(f.locals[slot]) &+ field]
    case .day: return f.day
    case .rootFieldCount(let field): return Self.count(f.words[field])
    case .bindingFieldCount(let slot, let field): return Self.count(f.words[Int(f.locals[slot]) &+ field])
    case .node(let node): return node.eval(&f)
    }
  }

  @inline(__always)
  static func count(_ handle: Int64) -> Int64 {
    handle == Word.null ? 0 : Int64(Word.listCount(handle))
  }

  var constant: Int64? {
    if case .constant(let value) = self { return value }
    return nil
  }

  var isNode: Bool {
    if case .node = self { return true }
    return false
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
