/// The contract's province ids and the GB/T 2260 codes that start identity numbers issued there.
///
/// The 31 provincial-level divisions of the mainland, in code order; the ids are the contract's
/// pinyin ids (note `shanxi` 山西 14 and `shaanxi` 陕西 61).
public enum ProvinceCodes {
  /// Every province id with its two-digit code, in ascending code order.
  public static let all: [(id: String, code: Int)] = [
    ("beijing", 11), ("tianjin", 12), ("hebei", 13), ("shanxi", 14), ("neimenggu", 15),
    ("liaoning", 21), ("jilin", 22), ("heilongjiang", 23),
    ("shanghai", 31), ("jiangsu", 32), ("zhejiang", 33), ("anhui", 34), ("fujian", 35),
    ("jiangxi", 36), ("shandong", 37),
    ("henan", 41), ("hubei", 42), ("hunan", 43), ("guangdong", 44), ("guangxi", 45),
    ("hainan", 46),
    ("chongqing", 50), ("sichuan", 51), ("guizhou", 52), ("yunnan", 53), ("xizang", 54),
    ("shaanxi", 61), ("gansu", 62), ("qinghai", 63), ("ningxia", 64), ("xinjiang", 65),
  ]

  /// Direct lookup by code, so per-application checks do not scan the list.
  private static let idsByCode: [String?] = {
    var table = [String?](repeating: nil, count: 100)
    for entry in all where table.indices.contains(entry.code) {
      table[entry.code] = entry.id
    }
    return table
  }()

  /// The province id for a two-digit code, or nil if no mainland province has that code.
  public static func provinceID(forCode code: Int) -> String? {
    guard idsByCode.indices.contains(code) else { return nil }
    return idsByCode[code]
  }

  /// The two-digit code of a province id, or nil for an unknown id (ids are lower case).
  public static func code(forProvinceID id: String) -> Int? {
    all.first { $0.id == id }?.code
  }
}
