// The web page's files (src/serve/web/), embedded in the binary at build
// time by cmake/embed_assets.cmake into a generated assets.cc.
// Thread safety: constant data.
#pragma once

#include <string_view>

namespace annals::serve {

struct Asset {
  std::string_view name;          // file name within web/, e.g. "app.js"
  std::string_view content_type;  // from the extension
  std::string_view bytes;
};

// The embedded file named exactly `name` (no folders, no decoding), or
// nullptr: nothing outside the embedded set can be named.
const Asset* FindAsset(std::string_view name);

}  // namespace annals::serve
