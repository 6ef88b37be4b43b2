#include "archive/codecs.hpp"

#include <lzma.h>
#include <zstd.h>

#include <algorithm>
#include <memory>

#include "skops/error.hpp"

namespace skops::archive_detail {

namespace {

constexpr std::size_t kChunk = 256 * 1024;
constexpr std::size_t kLzmaHeader = 4;
constexpr std::size_t kLzmaProps = 5;
constexpr std::uint64_t kMinLzmaDict = 4096;

/// lzma_end on every path out.
class LzmaStream {
 public:
  LzmaStream() noexcept = default;
  ~LzmaStream() { lzma_end(&s_); }
  LzmaStream(const LzmaStream&) = delete;
  LzmaStream& operator=(const LzmaStream&) = delete;
  lzma_stream* get() noexcept { return &s_; }

 private:
  lzma_stream s_ = LZMA_STREAM_INIT;
};

struct ZstdDFree {
  void operator()(ZSTD_DCtx* c) const noexcept { ZSTD_freeDCtx(c); }
};

std::uint32_t le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

[[noreturn]] void lzma_refused(const std::string& what, const std::string& entry) {
  throw ArchiveError("LZMA member: " + what, entry);
}

}  // namespace

void decode_lzma(const std::uint8_t* data, std::size_t size, std::uint16_t flags,
                 std::uint64_t declared_size, const std::string& entry, const DecodeSink& sink) {
  if (size < kLzmaHeader + kLzmaProps) {
    lzma_refused("truncated header (" + std::to_string(size) + " bytes)", entry);
  }
  const unsigned props_size = static_cast<unsigned>(data[2]) | static_cast<unsigned>(data[3]) << 8;
  if (props_size != kLzmaProps) {
    lzma_refused("properties size " + std::to_string(props_size) + ", expected 5", entry);
  }
  const unsigned lclppb = data[4];
  if (lclppb >= 9 * 5 * 5) {
    lzma_refused("properties byte " + std::to_string(lclppb) + " out of range", entry);
  }
  lzma_options_lzma opt{};
  opt.lc = lclppb % 9;
  opt.lp = (lclppb / 9) % 5;
  opt.pb = lclppb / 45;
  if (opt.lc + opt.lp > LZMA_LCLP_MAX) {
    lzma_refused("lc + lp = " + std::to_string(opt.lc + opt.lp) + ", over 4", entry);
  }
  const std::uint64_t dict = le32(data + 5);
  if (dict > kMaxLzmaDict) {
    lzma_refused("dictionary size " + std::to_string(dict) + " over the limit of " +
                     std::to_string(kMaxLzmaDict),
                 entry);
  }
  // A window larger than the whole output is never used: allocate no more than the declared
  // size (output past it is refused by the caller's sink anyway).
  opt.dict_size = static_cast<std::uint32_t>(
      std::max(kMinLzmaDict, std::min(dict, std::max(declared_size, kMinLzmaDict))));
  const bool eos = (flags & kFlagLzmaEos) != 0;
  lzma_filter filters[2];
  if (eos) {
    filters[0].id = LZMA_FILTER_LZMA1;
  } else {
    // No end marker: the stream ends after exactly the declared size.
    filters[0].id = LZMA_FILTER_LZMA1EXT;
    opt.ext_size_low = static_cast<std::uint32_t>(declared_size);
    opt.ext_size_high = static_cast<std::uint32_t>(declared_size >> 32);
  }
  filters[0].options = &opt;
  filters[1].id = LZMA_VLI_UNKNOWN;
  filters[1].options = nullptr;

  LzmaStream stream;
  lzma_stream* s = stream.get();
  const lzma_ret init = lzma_raw_decoder(s, filters);
  if (init == LZMA_MEM_ERROR) throw LimitError("LZMA member: cannot allocate the decoder", entry);
  if (init != LZMA_OK) lzma_refused("properties refused by liblzma", entry);
  std::vector<std::uint8_t> out(kChunk);
  s->next_in = data + kLzmaHeader + kLzmaProps;
  s->avail_in = size - kLzmaHeader - kLzmaProps;
  for (;;) {
    s->next_out = out.data();
    s->avail_out = out.size();
    const lzma_ret ret = lzma_code(s, LZMA_FINISH);
    const std::size_t produced = out.size() - s->avail_out;
    if (produced > 0) sink(out.data(), produced);
    if (ret == LZMA_OK) continue;
    if (ret == LZMA_STREAM_END) break;
    if (ret == LZMA_BUF_ERROR) lzma_refused("truncated stream", entry);
    if (ret == LZMA_MEM_ERROR) throw LimitError("LZMA member: out of memory", entry);
    lzma_refused("corrupt stream", entry);
  }
  if (s->avail_in != 0) {
    lzma_refused("stream ends " + std::to_string(s->avail_in) +
                     " bytes before the member's compressed size",
                 entry);
  }
}

void decode_zstd(const std::uint8_t* data, std::size_t size, const std::string& entry,
                 const DecodeSink& sink) {
  std::unique_ptr<ZSTD_DCtx, ZstdDFree> ctx(ZSTD_createDCtx());
  if (!ctx) throw LimitError("Zstandard member: cannot allocate the decoder", entry);
  if (size == 0) throw ArchiveError("Zstandard member: no frame", entry);
  std::vector<std::uint8_t> out(kChunk);
  ZSTD_inBuffer in{data, size, 0};
  for (;;) {
    const std::size_t in_before = in.pos;
    ZSTD_outBuffer o{out.data(), out.size(), 0};
    const std::size_t ret = ZSTD_decompressStream(ctx.get(), &o, &in);
    if (ZSTD_isError(ret)) {
      throw ArchiveError(std::string("Zstandard member: corrupt data (") +
                             ZSTD_getErrorName(ret) + ")",
                         entry);
    }
    if (o.pos > 0) sink(out.data(), o.pos);
    // 0: a frame has ended and is flushed; done when no input is left (else a next frame).
    if (ret == 0 && in.pos == in.size) return;
    // No input left and nothing more came out: the frame needs bytes that are not there.
    if (in.pos == in.size && in.pos == in_before && o.pos == 0) {
      throw ArchiveError("Zstandard member: truncated frame", entry);
    }
  }
}

std::vector<std::uint8_t> encode_lzma(const std::uint8_t* data, std::size_t size) {
  lzma_options_lzma opt;
  if (lzma_lzma_preset(&opt, 6) != 0) throw ArchiveError("LZMA: cannot set preset 6");
  lzma_filter filters[2] = {{LZMA_FILTER_LZMA1, &opt}, {LZMA_VLI_UNKNOWN, nullptr}};
  std::vector<std::uint8_t> out(kLzmaHeader + kLzmaProps);
  out[0] = 9;  // LZMA SDK version 9.4, as Python's zipfile writes
  out[1] = 4;
  out[2] = kLzmaProps;
  out[3] = 0;
  if (lzma_properties_encode(filters, out.data() + kLzmaHeader) != LZMA_OK) {
    throw ArchiveError("LZMA: cannot encode the properties");
  }
  LzmaStream stream;
  lzma_stream* s = stream.get();
  if (lzma_raw_encoder(s, filters) != LZMA_OK) throw ArchiveError("LZMA: cannot start encoder");
  s->next_in = data;
  s->avail_in = size;
  std::vector<std::uint8_t> chunk(kChunk);
  for (;;) {
    s->next_out = chunk.data();
    s->avail_out = chunk.size();
    const lzma_ret ret = lzma_code(s, LZMA_FINISH);
    out.insert(out.end(), chunk.data(), chunk.data() + (chunk.size() - s->avail_out));
    if (ret == LZMA_STREAM_END) break;
    if (ret != LZMA_OK) throw ArchiveError("LZMA: encoder failed (" + std::to_string(ret) + ")");
  }
  return out;
}

std::vector<std::uint8_t> encode_zstd(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> out(ZSTD_compressBound(size));
  const std::size_t n = ZSTD_compress(out.data(), out.size(), data, size, 3);
  if (ZSTD_isError(n)) {
    throw ArchiveError(std::string("Zstandard: encoder failed (") + ZSTD_getErrorName(n) + ")");
  }
  out.resize(n);
  return out;
}

}  // namespace skops::archive_detail
