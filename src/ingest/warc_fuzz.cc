// libFuzzer target: any bytes as a WARC file (record headers, resynchronizing
// after damage, HTTP header blocks, de-chunking and decompressing bodies),
// and as one WARC and one HTTP header block. scripts/fuzz.sh.
#include "src/ingest/http_header.h"
#include "src/ingest/warc.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string_view rest = in;
  annals::ingest::WarcHeader warc;
  (void)annals::ingest::ConsumeWarcHeader(&rest, &warc);
  rest = in;
  annals::ingest::HttpHeader http;
  if (annals::ingest::ConsumeHttpHeader(&rest, &http)) {
    (void)annals::ingest::DecodeHttpBody(http, rest, 1 << 20);
    (void)annals::ingest::ParseContentType(annals::ingest::FieldValue(http.fields, "Content-Type"));
  }
  // The whole reader, through a file as ingest gives it one.
  static const std::string path = [] {
    std::string p = "/tmp/annals_warc_fuzz_" + std::to_string(getpid()) + ".warc";
    return p;
  }();
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    annals::ingest::WarcStats stats;
    (void)annals::ingest::ReadWarc(
        path, [](annals::ingest::Page&&) {}, &stats, 1 << 20);
  }
  return 0;
}
