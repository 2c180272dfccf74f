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
  /// Owned by this node (stored by the subclasses that have one, after their hot fields), so
  /// that it lives as long as this node, which the arena owns.
  var replacement: Node? { nil }

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
///
/// Fields and slots are 32-bit, so that an operand takes 16 bytes and the nodes holding them
/// fewer cache lines.
enum Operand {
  case constant(Int64)
  /// `words[field]`
  case rootField(Int32)
  /// `words[words[outer] + field]`, through a record field that is never null.
  case rootPath(Int32, Int32)
  /// `locals[slot]`
  case binding(Int32)
  /// `words[locals[slot] + field]`, through a binding of a record.
  case bindingField(Int32, Int32)
  /// `as_of`
  case day
  /// `count(list)` of a list field of the application's record (null counts 0).
  case rootFieldCount(Int32)
  /// `count(list)` of a list field of a bound record.
  case bindingFieldCount(Int32, Int32)
  case node(NodeRef)

  /// The operand that computes what `node` computes.
  init(_ original: NodeRef) {
    var node = original
    // A replacement may have one of its own (`not any(…)` → `none(…)` → its fused form).
    while let replacement = node._withUnsafeGuaranteedRef({ $0.replacement }) { node = .passUnretained(replacement) }
    self = node._withUnsafeGuaranteedRef { Self.leaf($0) } ?? .node(node)
  }

  /// The operand that reads `object` in place, if it is such a leaf. Borrowed: building an
  /// operand for every child of every node must not count references.
  private static func leaf(_ object: Node) -> Operand? {
    if let constant = object as? ConstantNode {
      return .constant(constant.value)
    } else if let field = object as? RootFieldNode {
      return Int32(exactly: field.field).map { .rootField($0) }
    } else if let binding = object as? BindingNode {
      return Int32(exactly: binding.slot).map { .binding($0) }
    } else if let field = object as? FieldNode, let offset = Int32(exactly: field.field) {
      return field.base._withUnsafeGuaranteedRef { base in
        if let outer = base as? RootFieldNode, let outer = Int32(exactly: outer.field) {
          return .rootPath(outer, offset)
        } else if let binding = base as? BindingNode, let slot = Int32(exactly: binding.slot) {
          return .bindingField(slot, offset)
        }
        return nil
      }
    } else if object is EvaluationDateNode {
      return .day
    } else if let count = object as? CountNode {
      switch count.list {
      case .rootField(let field): return .rootFieldCount(field)
      case .bindingField(let slot, let field): return .bindingFieldCount(slot, field)
      default: return nil
      }
    }
    return nil
  }

  @inline(__always)
  func eval(_ f: inout Frame) -> Int64 {
    switch self {
    case .constant(let value): return value
    case .rootField(let field): return f.words[Int(field)]
    case .rootPath(let outer, let field): return f.words[Int(f.words[Int(outer)]) &+ Int(field)]
    case .binding(let slot): return f.locals[Int(slot)]
    case .bindingField(let slot, let field): return f.words[Int(f.locals[Int(slot)]) &+ Int(field)]
    case .day: return f.day
    case .rootFieldCount(let field): return Self.count(f.words[Int(field)])
    case .bindingFieldCount(let slot, let field): return Self.count(f.words[Int(f.locals[Int(slot)]) &+ Int(field)])
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

  var node: NodeRef? {
    if case .node(let node) = self { return node }
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
  /// Unchecked: only the one thread that lowers a program appends here (see
  /// `CompiledProgram.Builder`), and a check on every node costs more than building it.
  @exclusivity(unchecked) private(set) var nodes: [Node] = []

  /// Consumes `node`: the array takes the caller's reference, without a retain of its own.
  func add(_ node: consuming Node) -> NodeRef {
    let reference = NodeRef.passUnretained(node)
    nodes.append(node)
    return reference
  }
}
