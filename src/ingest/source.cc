#include "src/ingest/source.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>
#include <unordered_set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/common/text.h"
#include "src/ingest/decode.h"
#include "src/ingest/warc.h"

namespace annals::ingest {
namespace fs = std::filesystem;

namespace {

// A file is opened once and read through one descriptor: open, fstat, two
// reads and close for a page. The head that tells a WARC file is part of
// what is read, not read apart and then read again: a named pipe (or a
// shell's <(...)) cannot be read twice, and its head was lost.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ > STDIN_FILENO) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Result<int> OpenForReading(const std::string& path) {
  if (path == "-") return STDIN_FILENO;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(ErrorCode::kIo, std::string("cannot open: ") + std::strerror(errno));
  return fd;
}

Status TooLarge(size_t max_bytes) {
  return Fail(ErrorCode::kInvalidInput,
              "larger than the page limit of " + std::to_string(max_bytes >> 20) + " MB");
}

// The size of a regular file, or nullopt (a pipe, a terminal).
std::optional<size_t> RegularSize(int fd) {
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0) return std::nullopt;
  return static_cast<size_t>(st.st_size);
}

// Reads `fd` to its end, after the `*out` bytes already read, failing past
// max_bytes; `size` (when known) sizes the buffer so that one read takes
// the rest and a second one sees the end.
Status ReadToEnd(int fd, std::optional<size_t> size, size_t max_bytes, std::string* out) {
  size_t have = out->size();
  out->resize(std::max(have, size.value_or(0)) + (size ? 1 : 1 << 16));
  while (true) {
    if (have == out->size()) out->resize(have * 2);
    const ssize_t n = ::read(fd, out->data() + have, out->size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Fail(ErrorCode::kIo, std::string("read error: ") + std::strerror(errno));
    }
    if (n == 0) break;
    have += static_cast<size_t>(n);
    if (have > max_bytes) return TooLarge(max_bytes);
  }
  out->resize(have);
  return Ok();
}

// Whether a file that starts with `head` is a WARC file (gzipped or not).
bool IsWarc(std::string_view head) {
  constexpr size_t kHead = 4096;
  head = head.substr(0, kHead);
  if (!IsGzip(head)) return LooksLikeWarc(head);
  const std::string unzipped = GunzipPrefix(head, kHead);
  return LooksLikeWarc(unzipped);
}

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

// Why an entry of a directory is not read as a page. Opening a FIFO would
// wait for a writer, and a device may never end, so neither is opened.
std::string NotAFile(const fs::file_status& link, const fs::file_status& target,
                     const std::error_code& target_ec) {
  if (target_ec == std::errc::too_many_symbolic_link_levels) return "a symbolic link loop";
  if (fs::is_symlink(link) && (target_ec || !fs::exists(target))) {
    return "a symbolic link to nothing";
  }
  if (target_ec) return "cannot read its type: " + target_ec.message();
  if (fs::is_directory(target)) return "a symbolic link to a directory, not followed";
  if (fs::is_fifo(target)) return "a FIFO (named pipe), not read";
  if (fs::is_socket(target)) return "a socket, not read";
  if (fs::is_block_file(target) || fs::is_character_file(target)) return "a device, not read";
  return "not a regular file";
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs,
                                      std::vector<InputProblem>* problems,
                                      std::vector<bool>* regular) {
  std::vector<std::string> out;
  std::vector<bool> is_regular;
  // A file named twice (a folder and one of its files, a folder twice, a
  // link and its file) is read once: read twice, its lines were counted
  // twice into the crawl profile, which then segmented every page as if
  // the site had one page more.
  std::unordered_set<std::string> listed;
  auto add_once = [&](const std::string& path) {
    if (!listed.insert(path).second) {
      problems->push_back({path, "named more than once: read once"});
      return false;
    }
    out.push_back(path);
    return true;
  };
  for (const std::string& in : inputs) {
    if (in == "-") {
      out.push_back(in);
      is_regular.push_back(false);
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
        // The type the listing gave (d_type), without a stat of the file;
        // a symbolic link or an unknown type is asked for below.
        std::error_code type_ec, link_type_ec;
        if (!it->is_symlink(link_type_ec) && !link_type_ec && it->is_regular_file(type_ec) &&
            !type_ec) {
          files.push_back(it->path().string());
          continue;
        }
        std::error_code link_ec, target_ec;
        const fs::file_status link = it->symlink_status(link_ec);
        const fs::file_status target = it->status(target_ec);
        if (!target_ec && fs::is_regular_file(target)) {
          // A link is named by the file it leads to, as a link named on
          // the command line is (the archive's canonical names, issue 24).
          std::error_code canon_ec;
          const fs::path real = fs::canonical(it->path(), canon_ec);
          files.push_back(canon_ec ? it->path().string() : real.string());
        } else if (!target_ec && fs::is_directory(target) && !fs::is_symlink(link)) {
          continue;  // walked into by the iterator
        } else {
          // Anything else is named, never passed over in silence (issue 24).
          problems->push_back({it->path().string(), NotAFile(link, target, target_ec)});
        }
      }
      std::sort(files.begin(), files.end());
      for (std::string& f : files) {
        if (add_once(f)) is_regular.push_back(true);
      }
    } else if (add_once(in)) {
      is_regular.push_back(fs::is_regular_file(st));
    }
  }
  if (regular) *regular = std::move(is_regular);
  return out;
}

Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  auto fd = OpenForReading(path);
  if (!fd) return tl::unexpected(fd.error());
  Fd file(*fd);
  const std::optional<size_t> size = RegularSize(file.get());
  if (size && *size > max_bytes) return tl::unexpected(TooLarge(max_bytes).error());
  std::string out;
  if (auto st = ReadToEnd(file.get(), size, max_bytes, &out); !st) return tl::unexpected(st.error());
  return out;
}

Status ReadInput(const std::string& path, const ReadOptions& options,
                 const std::function<void(Page&&)>& sink, ReadStats* stats) {
  auto fd = OpenForReading(path);
  if (!fd) return tl::unexpected(fd.error());
  Fd file(*fd);
  std::string bytes;
  const std::optional<size_t> size = RegularSize(file.get());
  // A WARC file is recognized from its content (gunzipped head), not its
  // name; it may be far larger than a page, so a file over the page limit
  // is told by its head alone. Standard input is read as one page.
  bool warc = false;
  if (path != "-") {
    if (size && *size <= options.max_page_bytes) {
      if (auto st = ReadToEnd(file.get(), size, options.max_page_bytes, &bytes); !st) return st;
      warc = IsWarc(bytes);
    } else {
      char head[4096];
      const ssize_t n = ::read(file.get(), head, sizeof head);
      if (n < 0) return Fail(ErrorCode::kIo, std::string("read error: ") + std::strerror(errno));
      bytes.assign(head, static_cast<size_t>(n));
      warc = IsWarc(bytes);
      if (!warc && size) return TooLarge(options.max_page_bytes);
    }
  }
  if (warc) {
    WarcStats ws;
    Status s = ReadWarc(path, sink, &ws, options.max_page_bytes);
    stats->records += ws.records;
    for (const auto& [reason, count] : ws.skipped) AddCount(&stats->records_skipped, reason, count);
    return s;
  }
  if (path == "-" || !size) {
    if (auto st = ReadToEnd(file.get(), size, options.max_page_bytes, &bytes); !st) return st;
  }
  Page page;
  page.name = path;
  page.bytes = std::move(bytes);
  sink(std::move(page));
  return Ok();
}

}  // namespace annals::ingest
