#include "src/serve/text_cache.h"

#include <utility>

namespace annals::serve {

std::shared_ptr<const std::string> TextCache::Find(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = at_.find(id);
  if (it == at_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->text;
}

void TextCache::Put(const std::string& id, std::string text) {
  const size_t charge = text.size() + 2 * id.size() + kEntryCharge;  // the id: in list and map
  auto shared = std::make_shared<const std::string>(std::move(text));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = at_.find(id);
  if (it != at_.end()) {
    bytes_ -= it->second->charge;
    order_.erase(it->second);
    at_.erase(it);
  }
  if (charge > budget_) return;
  while (bytes_ + charge > budget_ && !order_.empty()) {
    bytes_ -= order_.back().charge;
    at_.erase(order_.back().id);
    order_.pop_back();
  }
  order_.push_front(Entry{id, std::move(shared), charge});
  at_.emplace(id, order_.begin());
  bytes_ += charge;
}

size_t TextCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

size_t TextCache::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return order_.size();
}

}  // namespace annals::serve
