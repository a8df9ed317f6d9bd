// For tests: compress with zlib, to build gzip pages, deflate bodies and
// gzipped WARC files. Thread safety: reentrant.
#pragma once

#include <zlib.h>

#include <string>

namespace annals::ingest::fixtures {

// `in` deflated; `window` as for deflateInit2: 15 + 16 gzip, 15 zlib, -15 raw.
inline std::string Deflate(const std::string& in, int window) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, window, 8, Z_DEFAULT_STRATEGY);
  std::string out(compressBound(static_cast<uLong>(in.size())) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline std::string Gzip(const std::string& in) { return Deflate(in, 15 + 16); }

}  // namespace annals::ingest::fixtures
