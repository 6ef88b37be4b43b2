#include "archive/central_directory.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "archive/names.hpp"
#include "core/checked.hpp"
#include "skops/archive.hpp"
#include "skops/error.hpp"

namespace skops::archive_detail {

namespace {

constexpr std::uint32_t kEndSig = 0x06054b50;
constexpr std::uint32_t kZip64LocatorSig = 0x07064b50;
constexpr std::uint32_t kZip64EndSig = 0x06064b50;
constexpr std::uint32_t kCentralSig = 0x02014b50;
constexpr std::uint32_t kLocalSig = 0x04034b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kLocalSize = 30;
constexpr std::uint16_t kZip64ExtraId = 0x0001;
constexpr std::uint16_t kFlagEncrypted = 0x0001;
constexpr std::uint16_t kFlagStrongEncryption = 0x0040;

std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
         std::uint32_t{p[3]} << 24;
}
std::uint64_t le64(const std::uint8_t* p) {
  return std::uint64_t{le32(p)} | std::uint64_t{le32(p + 4)} << 32;
}

std::string num(std::uint64_t v) { return std::to_string(v); }

/// What the end records say about the central directory.
struct EndInfo {
  std::uint64_t count = 0;
  std::uint64_t cd_size = 0;
  std::uint64_t cd_offset = 0;
  std::uint64_t cd_end = 0;  ///< where the central directory must end (next record)
  bool zip64 = false;
};

/// Position of the end-of-central-directory record: the last signature whose comment ends
/// exactly at the end of the file.
std::uint64_t find_end_record(const RandomAccess& in) {
  const std::uint64_t size = in.size();
  if (size == 0) throw ArchiveError("not a zip archive (empty file)");
  if (size < kEndSize) throw ArchiveError("not a zip archive (too short)");
  const std::size_t tail_len =
      static_cast<std::size_t>(std::min<std::uint64_t>(size, kEndSize + 0xFFFF));
  std::vector<std::uint8_t> tail(tail_len);
  in.read(size - tail_len, tail.data(), tail_len);
  bool seen_signature = false;
  for (std::size_t i = tail_len - kEndSize + 1; i-- > 0;) {
    if (le32(&tail[i]) != kEndSig) continue;
    seen_signature = true;
    if (i + kEndSize + le16(&tail[i + 20]) == tail_len) return size - tail_len + i;
  }
  if (seen_signature) {
    throw ArchiveError(
        "end-of-central-directory record does not end the file (trailing data "
        "or a wrong comment length)");
  }
  throw ArchiveError("not a zip archive, or truncated: no end-of-central-directory record");
}

EndInfo read_end_records(const RandomAccess& in) {
  const std::uint64_t end_pos = find_end_record(in);
  std::uint8_t e[kEndSize];
  in.read(end_pos, e, kEndSize);
  const std::uint16_t disk = le16(e + 4), cd_disk = le16(e + 6);
  const std::uint16_t count_disk = le16(e + 8), count = le16(e + 10);
  const std::uint32_t cd_size = le32(e + 12), cd_offset = le32(e + 16);
  EndInfo info{count, cd_size, cd_offset, end_pos, false};

  std::uint8_t loc[kZip64LocatorSize];
  if (end_pos >= kZip64LocatorSize) {
    in.read(end_pos - kZip64LocatorSize, loc, kZip64LocatorSize);
  }
  if (end_pos >= kZip64LocatorSize && le32(loc) == kZip64LocatorSig) {
    const std::uint64_t loc_pos = end_pos - kZip64LocatorSize;
    const std::uint64_t z_pos = le64(loc + 8);
    if (le32(loc + 4) != 0 || le32(loc + 16) > 1) {
      throw ArchiveError("multi-disk archives are not supported");
    }
    if (z_pos > loc_pos || loc_pos - z_pos < kZip64EndSize) {
      throw ArchiveError("zip64 end record offset " + num(z_pos) + " is out of range");
    }
    std::uint8_t z[kZip64EndSize];
    in.read(z_pos, z, kZip64EndSize);
    if (le32(z) != kZip64EndSig) {
      throw ArchiveError("no zip64 end record at offset " + num(z_pos));
    }
    // The record must end where the locator starts: nothing may hide between them.
    if (le64(z + 4) != loc_pos - z_pos - 12) {
      throw ArchiveError("zip64 end record size does not match its position");
    }
    const std::uint64_t z_count_disk = le64(z + 24), z_count = le64(z + 32);
    if (le32(z + 16) != 0 || le32(z + 20) != 0 || z_count_disk != z_count) {
      throw ArchiveError("multi-disk archives are not supported");
    }
    const std::uint64_t z_cd_size = le64(z + 40), z_cd_offset = le64(z + 48);
    // A classic field is either the zip64 escape or the same value.
    if ((count != 0xFFFF && count != z_count) || (cd_size != 0xFFFFFFFF && cd_size != z_cd_size) ||
        (cd_offset != 0xFFFFFFFF && cd_offset != z_cd_offset)) {
      throw ArchiveError("end-of-central-directory and zip64 end records disagree");
    }
    info = EndInfo{z_count, z_cd_size, z_cd_offset, z_pos, true};
  } else if (disk != 0 || cd_disk != 0) {
    throw ArchiveError("multi-disk archives are not supported");
  } else if (count_disk != count) {
    throw ArchiveError("entry count mismatch: the end record says " + num(count_disk) +
                       " entries on this disk and " + num(count) + " in total");
  }

  if (info.cd_offset > in.size()) {
    throw ArchiveError("central directory offset " + num(info.cd_offset) +
                       " is beyond the end of the file (" + num(in.size()) + " bytes)");
  }
  if (info.cd_offset > info.cd_end || info.cd_size > info.cd_end - info.cd_offset) {
    throw ArchiveError("central directory (offset " + num(info.cd_offset) + ", " +
                       num(info.cd_size) + " bytes) runs past the end record");
  }
  if (info.cd_offset + info.cd_size != info.cd_end) {
    throw ArchiveError("central directory does not reach the end record: " +
                       num(info.cd_end - info.cd_offset - info.cd_size) +
                       " unexplained bytes (concatenated or prefixed archive)");
  }
  if (info.count > info.cd_size / kCentralSize) {
    throw ArchiveError("entry count mismatch: the end record claims " + num(info.count) +
                       " entries, the " + num(info.cd_size) +
                       "-byte central directory cannot hold them");
  }
  return info;
}

/// Applies a zip64 extended-information extra field: each escaped field, in the order
/// size, compressed size, local offset, disk, takes the next 8 (disk: 4) bytes.
void apply_zip64_extra(const std::uint8_t* extra, std::size_t len, std::uint16_t disk, CdEntry& e) {
  const bool need_size = e.size == 0xFFFFFFFF, need_csize = e.compressed_size == 0xFFFFFFFF;
  const bool need_offset = e.local_offset == 0xFFFFFFFF, need_disk = disk == 0xFFFF;
  if (!need_size && !need_csize && !need_offset && !need_disk) return;
  std::size_t pos = 0;
  while (len - pos >= 4) {
    const std::uint16_t id = le16(extra + pos), n = le16(extra + pos + 2);
    if (n > len - pos - 4) break;
    if (id == kZip64ExtraId) {
      const std::uint8_t* d = extra + pos + 4;
      const std::size_t want = 8 * (need_size + need_csize + need_offset) + 4 * need_disk;
      if (n < want) throw ArchiveError("zip64 extra field is too short", display_name(e.name));
      auto take64 = [&d]() {
        const std::uint64_t v = le64(d);
        d += 8;
        return v;
      };
      if (need_size) e.size = take64();
      if (need_csize) e.compressed_size = take64();
      if (need_offset) e.local_offset = take64();
      if (need_disk && le32(d) != 0) {
        throw ArchiveError("multi-disk archives are not supported", display_name(e.name));
      }
      return;
    }
    pos += 4 + std::size_t{n};
  }
  if (need_disk) return;  // a literal disk number 0xFFFF; rejected by the caller
  throw ArchiveError("zip64 sizes or offset without a zip64 extra field", display_name(e.name));
}

std::vector<CdEntry> parse_entries(const RandomAccess& in, const EndInfo& info) {
  std::vector<std::uint8_t> cd(static_cast<std::size_t>(info.cd_size));
  in.read(info.cd_offset, cd.data(), cd.size());
  std::vector<CdEntry> entries;
  entries.reserve(static_cast<std::size_t>(info.count));
  std::size_t pos = 0;
  for (std::uint64_t i = 0; i < info.count; ++i) {
    if (cd.size() - pos < kCentralSize || le32(&cd[pos]) != kCentralSig) {
      throw ArchiveError("entry count mismatch: the end record claims " + num(info.count) +
                         " entries, the central directory holds " + num(i));
    }
    const std::uint8_t* h = &cd[pos];
    const std::size_t name_len = le16(h + 28), extra_len = le16(h + 30), comment_len = le16(h + 32);
    if (cd.size() - pos - kCentralSize < name_len + extra_len + comment_len) {
      throw ArchiveError("central directory entry " + num(i) + " is truncated");
    }
    CdEntry e;
    e.flags = le16(h + 8);
    e.method = le16(h + 10);
    e.crc = le32(h + 16);
    e.compressed_size = le32(h + 20);
    e.size = le32(h + 24);
    e.local_offset = le32(h + 42);
    e.name.assign(reinterpret_cast<const char*>(h + kCentralSize), name_len);
    const std::uint16_t disk = le16(h + 34);
    apply_zip64_extra(h + kCentralSize + name_len, extra_len, disk, e);
    if (disk != 0 && disk != 0xFFFF) {
      throw ArchiveError("multi-disk archives are not supported", display_name(e.name));
    }
    entries.push_back(std::move(e));
    pos += kCentralSize + name_len + extra_len + comment_len;
  }
  if (pos != cd.size()) {
    throw ArchiveError("entry count mismatch: the central directory holds more than the " +
                       num(info.count) + " entries the end record claims");
  }
  return entries;
}

void check_entry(const CdEntry& e, const Limits& limits) {
  check_member_name(e.name, limits);
  // Display names are made only for an error: a model has thousands of entries.
  if (e.flags & (kFlagEncrypted | kFlagStrongEncryption)) {
    throw ArchiveError("encryption not supported", display_name(e.name));
  }
  if (e.method != 0) check_method_readable(e.method, e.name);
  if (e.method == 0 && e.compressed_size != e.size) {
    throw ArchiveError("size mismatch: stored member with " + num(e.compressed_size) +
                           " bytes of data declares " + num(e.size) + " bytes",
                       display_name(e.name));
  }
}

/// Reads each local header: data offsets, bounds, overlaps, names.
void check_local_headers(const RandomAccess& in, const EndInfo& info,
                         std::vector<CdEntry>& entries) {
  std::vector<std::string> local_names(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CdEntry& e = entries[i];
    const auto shown = [&e] { return display_name(e.name); };
    if (e.local_offset > info.cd_offset || info.cd_offset - e.local_offset < kLocalSize) {
      throw ArchiveError(
          "local header offset " + num(e.local_offset) + " is outside the member area", shown());
    }
    std::uint8_t h[kLocalSize];
    in.read(e.local_offset, h, kLocalSize);
    if (le32(h) != kLocalSig) {
      throw ArchiveError("no local header at offset " + num(e.local_offset), shown());
    }
    const std::uint64_t name_len = le16(h + 26), extra_len = le16(h + 28);
    e.data_offset = e.local_offset + kLocalSize + name_len + extra_len;
    if (e.data_offset > info.cd_offset || info.cd_offset - e.data_offset < e.compressed_size) {
      throw ArchiveError(
          "member data runs past the central directory (truncated or "
          "inconsistent archive)",
          shown());
    }
    local_names[i].resize(static_cast<std::size_t>(name_len));
    in.read(e.local_offset + kLocalSize, local_names[i].data(), local_names[i].size());
  }

  std::vector<std::size_t> order(entries.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return entries[a].local_offset < entries[b].local_offset;
  });
  const std::uint64_t first = order.empty() ? info.cd_offset : entries[order[0]].local_offset;
  if (first != 0) {
    throw ArchiveError(num(first) +
                       " bytes of data before the first entry (prefixed or "
                       "concatenated archive)");
  }
  for (std::size_t k = 1; k < order.size(); ++k) {
    const CdEntry& a = entries[order[k - 1]];
    const CdEntry& b = entries[order[k]];
    if (b.local_offset < a.data_offset + a.compressed_size) {
      throw ArchiveError("overlapping entries: '" + display_name(a.name) + "' and '" +
                             display_name(b.name) + "' share bytes",
                         display_name(b.name));
    }
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (local_names[i] != entries[i].name) {
      throw ArchiveError("local header name '" + display_name(local_names[i]) +
                             "' differs from the central directory name",
                         display_name(entries[i].name));
    }
  }
}

}  // namespace

CentralDirectory read_central_directory(const RandomAccess& input, const Limits& limits) {
  const EndInfo info = read_end_records(input);
  if (info.count > limits.max_members) {
    throw LimitError("archive has " + num(info.count) + " members, more than the limit of " +
                     num(limits.max_members) + " (max_members)");
  }
  CentralDirectory cd;
  cd.entries = parse_entries(input, info);
  cd.cd_offset = info.cd_offset;
  cd.cd_size = info.cd_size;
  cd.zip64 = info.zip64;

  std::unordered_map<std::string, std::size_t> seen;
  seen.reserve(cd.entries.size());
  for (std::size_t i = 0; i < cd.entries.size(); ++i) {
    check_entry(cd.entries[i], limits);
    if (!seen.emplace(cd.entries[i].name, i).second) {
      throw ArchiveError("duplicate member name", display_name(cd.entries[i].name));
    }
  }
  check_local_headers(input, info, cd.entries);
  return cd;
}

}  // namespace skops::archive_detail
