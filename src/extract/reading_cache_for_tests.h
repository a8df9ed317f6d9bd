// For tests: a ReadingCache in memory that counts what it is asked and given.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/extract/relate.h"

namespace annals::extract::fixtures {

class MemoryCache final : public ReadingCache {
 public:
  Result<std::optional<std::string>> Find(const std::string& id, uint64_t key) override {
    ++finds;
    auto it = kept.find(id);
    if (it == kept.end() || it->second.first != key) return std::optional<std::string>();
    ++hits;
    return std::optional<std::string>(it->second.second);
  }
  Status Keep(const std::string& id, uint64_t key, std::string_view record) override {
    ++keeps;
    kept_ids.push_back(id);
    kept[id] = {key, std::string(record)};
    return Ok();
  }
  // Starts the counts again (what is kept stays).
  void Count() {
    finds = hits = keeps = 0;
    kept_ids.clear();
  }
  std::map<std::string, std::pair<uint64_t, std::string>> kept;  // id -> key, record
  std::vector<std::string> kept_ids;                              // since Count
  int finds = 0, hits = 0, keeps = 0;                             // since Count
};

}  // namespace annals::extract::fixtures
