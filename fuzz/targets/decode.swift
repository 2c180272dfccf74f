// libFuzzer target, differential: any bytes decoded both ways the decoder has. The fast path
// must build exactly the instance the full path builds, or give up; it must never accept what
// the full path rejects. A disagreement aborts, so libFuzzer keeps the input.
import Foundation
import RulesDriver
@testable import RulesRuntime

/// The shipped rules' decoder, built once for every input.
let decoder: ApplicationDecoder = {
  guard let program = Driver.compileRules(environment: .captured()).program else {
    FileHandle.standardError.write(Data("fuzz-decode: the shipped rules did not compile\n".utf8))
    exit(1)
  }
  return program.decoder
}()

func disagree(_ what: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Never {
  FileHandle.standardError.write(Data("fuzz-decode: \(what)\n\(String(decoding: bytes, as: UTF8.self))\n".utf8))
  abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let full = decoder.decodeFully(bytes)
  guard let fast = decoder.decodeFast(bytes) else { return 0 }
  guard case .valid(let instance) = full else {
    disagree("the fast path accepted what the full path rejects: \(full)", bytes)
  }
  if fast.words != instance.words { disagree("the two paths built different words", bytes) }
  if fast.texts.strings != instance.texts.strings { disagree("the two paths built different texts", bytes) }
  if fast.ipAddressIDs != instance.ipAddressIDs { disagree("the two paths found different IP addresses", bytes) }
  return 0
}
