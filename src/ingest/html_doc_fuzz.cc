// libFuzzer target: any bytes as HTML through the reader's tree and text.
// scripts/fuzz.sh.
#include "src/ingest/html_doc.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view markup(reinterpret_cast<const char*>(data), size);
  annals::ingest::HtmlLimits limits;
  limits.max_nodes = 1 << 16;
  const annals::ingest::HtmlDoc doc = annals::ingest::HtmlDoc::Parse(markup, limits);
  (void)doc.TextContent(0);
  for (uint32_t n = 0; n < doc.size(); ++n) {
    (void)doc.Text(n);
    (void)doc.NextSibling(n);
    (void)doc.Attr(n, annals::ingest::HtmlAttr::kHref);
  }
  (void)annals::ingest::ResolveUrl("https://e.org/a/b", markup.substr(0, 200));
  return 0;
}
