#pragma once
// Re-padding of ready-made `.npy` bytes so that their array data lands on an aligned file
// offset. Only whitespace at the end of the header changes, which numpy ignores.

#include <cstdint>
#include <optional>
#include <vector>

namespace skops::archive_detail {

/// The member re-padded so that `member_offset + data start` is a multiple of `alignment`,
/// or nullopt when it already is or the bytes do not start with a well-formed npy header
/// (those are stored unchanged).
std::optional<std::vector<std::uint8_t>> realign_npy(const std::vector<std::uint8_t>& npy,
                                                     std::uint64_t member_offset,
                                                     std::uint64_t alignment);

}  // namespace skops::archive_detail
