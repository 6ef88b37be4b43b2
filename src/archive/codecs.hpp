#pragma once
// LZMA (zip method 14) and Zstandard (zip method 93) members, decoded and encoded with liblzma
// and libzstd: Debian 12's libzip 1.7.3 has neither codec. Decoding streams into a sink that
// counts every byte against the caps as it is produced (sizes in headers are never trusted).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace skops::archive_detail {

constexpr std::uint16_t kMethodLzma = 14;
constexpr std::uint16_t kMethodZstd = 93;
/// General-purpose flag bit 1 of an LZMA member: the stream ends with an end-of-stream marker.
constexpr std::uint16_t kFlagLzmaEos = 0x0002;
/// Largest LZMA dictionary accepted (the LZMA SDK's own maximum on 64-bit systems).
constexpr std::uint64_t kMaxLzmaDict = 1536ull << 20;

/// Receives decoded bytes in order; throws to stop decoding (a cap, a size mismatch).
using DecodeSink = std::function<void(const std::uint8_t* data, std::size_t size)>;

/// Decodes the compressed bytes of a zip LZMA member: the 4-byte header (LZMA SDK version,
/// properties size, which must be 5), the 5 property bytes (lc/lp/pb with lc + lp <= 4,
/// dictionary size at most kMaxLzmaDict) and the raw LZMA stream, which must end exactly at
/// the end of `data`: with its end-of-stream marker when `flags` has bit 1, else after
/// `declared_size` bytes. The dictionary allocated is at most max(4 KiB, declared_size).
/// Throws ArchiveError (bad header or properties, corrupt or truncated stream, trailing
/// bytes), whatever `sink` throws; `entry` names the member in messages.
void decode_lzma(const std::uint8_t* data, std::size_t size, std::uint16_t flags,
                 std::uint64_t declared_size, const std::string& entry, const DecodeSink& sink);

/// Decodes Zstandard frames (one or more, skippable frames allowed) that must end exactly at
/// the end of `data`; the window is capped at libzstd's default 128 MiB.
/// Throws ArchiveError (corrupt or truncated data), whatever `sink` throws.
void decode_zstd(const std::uint8_t* data, std::size_t size, const std::string& entry,
                 const DecodeSink& sink);

/// The compressed bytes of a zip LZMA member as Python's zipfile writes them: header
/// (version 9.4, properties size 5), properties, then a raw LZMA1 stream (preset 6) ending with
/// its end-of-stream marker (so the member's flag bit 1 must be set).
std::vector<std::uint8_t> encode_lzma(const std::uint8_t* data, std::size_t size);

/// One Zstandard frame (level 3, content size in the frame header).
std::vector<std::uint8_t> encode_zstd(const std::uint8_t* data, std::size_t size);

}  // namespace skops::archive_detail
