// Document: a page decoded to normalized UTF-8 text.
// Thread safety: plain value.
#pragma once

#include <string>

namespace annals::ingest {

enum class DocFormat { kText, kHtml };

struct Document {
  std::string name;   // Page::name
  std::string url;    // Page::url
  std::string fetched;  // Page::fetched: when the page was crawled, or ""
  DocFormat format = DocFormat::kText;
  std::string text;   // UTF-8, NFC, no BOM, "\n" line ends; for kText, odd spaces folded
  std::string warning;  // what decoding overrode (a charset the bytes contradict), or ""
};

}  // namespace annals::ingest
