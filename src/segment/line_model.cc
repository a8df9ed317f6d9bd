#include "src/segment/line_model.h"

#include "src/common/text.h"

#include <charconv>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace annals::segment {

namespace {

bool ParseFloat(std::string_view s, float* out) {
  // std::from_chars for float is in libstdc++ 11+; it reads "C" numbers only.
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (true) {
    size_t tab = line.find('\t', at);
    out.push_back(
        line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
    if (tab == std::string_view::npos) break;
    at = tab + 1;
  }
  return out;
}

}  // namespace

Result<LineModel> LineModel::Parse(std::string_view tsv, std::string_view name) {
  LineModel m;
  auto fail = [&](size_t line_no, const std::string& why) {
    return Fail(ErrorCode::kInvalidInput,
                std::string(name) + ":" + std::to_string(line_no) + ": " + why);
  };
  size_t line_no = 0;
  bool header = false, bias = false;
  for (std::string_view raw : text::SplitLines(tsv)) {
    ++line_no;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> cols = SplitTabs(line);
    if (cols.size() != kLineRoles + 1) {
      return fail(line_no, "expected " + std::to_string(kLineRoles + 1) + " tab-separated columns");
    }
    if (!header) {
      if (cols[0] != "feature") return fail(line_no, "the header must start with 'feature'");
      for (size_t r = 0; r < kLineRoles; ++r) {
        if (cols[r + 1] != kLineRoleNames[r]) {
          return fail(line_no, "role " + std::to_string(r + 1) + " must be '" +
                                   std::string(kLineRoleNames[r]) + "'");
        }
      }
      header = true;
      continue;
    }
    std::array<float, kLineRoles> w{};
    for (size_t r = 0; r < kLineRoles; ++r) {
      if (!ParseFloat(cols[r + 1], &w[r])) {
        return fail(line_no, "not a number: '" + std::string(cols[r + 1]) + "'");
      }
    }
    if (cols[0] == "bias") {
      m.bias_ = w;
      bias = true;
      continue;
    }
    size_t f = 0;
    while (f < kLineFeatures && kLineFeatureNames[f] != cols[0]) ++f;
    if (f == kLineFeatures) return fail(line_no, "unknown feature '" + std::string(cols[0]) + "'");
    for (size_t r = 0; r < kLineRoles; ++r) m.weights_[r][f] = w[r];
  }
  if (!header) return fail(line_no, "no header");
  if (!bias) return fail(line_no, "no bias row");
  return m;
}

std::array<float, kLineRoles> LineModel::Scores(const LineFeatures& f) const {
  std::array<float, kLineRoles> s = bias_;
  for (size_t r = 0; r < kLineRoles; ++r) {
    const auto& w = weights_[r];
    float sum = 0;
    for (size_t i = 0; i < kLineFeatures; ++i) sum += w[i] * f[i];
    s[r] += sum;
  }
  return s;
}

LineRole LineModel::Best(const LineFeatures& f, unsigned allowed) const {
  const std::array<float, kLineRoles> s = Scores(f);
  size_t best = kLineRoles;
  for (size_t r = 0; r < kLineRoles; ++r) {
    if ((allowed & (1u << r)) == 0) continue;
    if (best == kLineRoles || s[r] > s[best]) best = r;
  }
  return static_cast<LineRole>(best == kLineRoles ? 0 : best);
}

const LineModel& EmbeddedLineModel() {
  // The embedded file is checked by line_model_test: a parse failure here
  // is a build defect, so an empty model (all scores 0) stands in.
  static const LineModel model = [] {
    auto m = LineModel::Parse(EmbeddedLineModelTsv(), "data/segment/line_model.tsv");
    return m ? *m : LineModel{};
  }();
  return model;
}

Result<std::shared_ptr<const LineModel>> LineModelFor(const SegmentOptions& options) {
  static const std::shared_ptr<const LineModel> embedded(&EmbeddedLineModel(),
                                                         [](const LineModel*) {});
  if (options.line_model_file.empty()) return embedded;
  // Models read from files, by name: a run segments every page with the
  // same one, so each is read once (the lock is taken once per page).
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const LineModel>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(options.line_model_file);
  if (it != cache.end()) return it->second;
  std::ifstream in(options.line_model_file, std::ios::binary);
  if (!in) {
    return Fail(ErrorCode::kIo, options.line_model_file + ": cannot read the line model");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  auto m = LineModel::Parse(ss.str(), options.line_model_file);
  if (!m) return tl::unexpected(m.error());
  auto shared = std::make_shared<const LineModel>(std::move(*m));
  cache.emplace(options.line_model_file, shared);
  return shared;
}

}  // namespace annals::segment
