#include "src/ingest/source.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "src/common/text.h"
#include "src/ingest/decode.h"
#include "src/ingest/warc.h"

namespace annals::ingest {
namespace fs = std::filesystem;

namespace {
struct FileCloser {
  void operator()(FILE* f) const {
    if (f != stdin) std::fclose(f);
  }
};
}  // namespace

void AddCount(std::vector<std::pair<std::string, int>>* counts, const std::string& reason, int n) {
  for (auto& [r, c] : *counts) {
    if (r == reason) {
      c += n;
      return;
    }
  }
  counts->emplace_back(reason, n);
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      std::vector<InputProblem>* problems) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    if (in == "-") {
      out.push_back(in);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(in, ec);
    if (ec || !fs::exists(st)) {
      problems->push_back({in, "no such file or directory"});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        problems->push_back({in, "cannot list directory: " + ec.message()});
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
          problems->push_back({in, "cannot list directory: " + ec.message()});
          break;
        }
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(in);
    }
  }
  return out;
}

Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  std::unique_ptr<FILE, FileCloser> f(path == "-" ? stdin : std::fopen(path.c_str(), "rb"));
  if (!f) return Fail(ErrorCode::kIo, std::string("cannot open: ") + std::strerror(errno));
  std::string out;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    out.append(buf, n);
    if (out.size() > max_bytes) {
      return Fail(ErrorCode::kInvalidInput,
                  "larger than the page limit of " + std::to_string(max_bytes >> 20) + " MB");
    }
  }
  if (std::ferror(f.get())) return Fail(ErrorCode::kIo, std::string("read error: ") + std::strerror(errno));
  return out;
}

Status ReadInput(const std::string& path, const ReadOptions& options,
                 const std::function<void(Page&&)>& sink, ReadStats* stats) {
  // A WARC file is recognized from its content (gunzipped head), not its name.
  if (path != "-") {
    std::unique_ptr<FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
    if (!f) return Fail(ErrorCode::kIo, std::string("cannot open: ") + std::strerror(errno));
    char head[4096];
    size_t n = std::fread(head, 1, sizeof head, f.get());
    std::string_view h(head, n);
    std::string unzipped;
    if (IsGzip(h)) {
      unzipped = GunzipPrefix(h, sizeof head);
      h = unzipped;
    }
    const bool warc = LooksLikeWarc(h);
    if (warc) {
      WarcStats ws;
      Status s = ReadWarc(path, sink, &ws, options.max_page_bytes);
      stats->records += ws.records;
      for (const auto& [reason, count] : ws.skipped) AddCount(&stats->records_skipped, reason, count);
      return s;
    }
  }
  auto bytes = ReadFileBytes(path, options.max_page_bytes);
  if (!bytes) return tl::unexpected(bytes.error());
  Page page;
  page.name = path;
  page.bytes = std::move(*bytes);
  sink(std::move(page));
  return Ok();
}

}  // namespace annals::ingest
