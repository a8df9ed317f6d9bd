// libFuzzer target: any bytes as a page through Decode (gzip, BOMs, UTF-16
// without a mark, charset detection and conversion, NFC). scripts/fuzz.sh.
#include "src/ingest/decode.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  annals::ingest::Page page;
  page.name = "fuzz";
  page.bytes.assign(reinterpret_cast<const char*>(data), size);
  annals::ReadOptions options;
  options.max_page_bytes = 1 << 20;
  (void)annals::ingest::Decode(page, options);
  page.content_type = "text/html";
  page.charset = "koi8-r";
  (void)annals::ingest::Decode(page, options);
  return 0;
}
