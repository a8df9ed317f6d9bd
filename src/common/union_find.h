// A union-find of numbered items (0, 1, ... in the order Add gives them),
// with path halving. Used by the resolver (nodes of one entity) and by the
// store (pages reached from the same stories: StoryStore::ConnectedStories).
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace annals {

class UnionFind {
 public:
  int Add() {
    parent_.push_back(static_cast<int>(parent_.size()));
    return parent_.back();
  }
  int Find(int x) {
    while (parent_[static_cast<size_t>(x)] != x) {
      parent_[static_cast<size_t>(x)] = parent_[static_cast<size_t>(parent_[static_cast<size_t>(x)])];
      x = parent_[static_cast<size_t>(x)];
    }
    return x;
  }
  void Union(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    // The smaller index stays root: results do not depend on merge order.
    if (b < a) std::swap(a, b);
    parent_[static_cast<size_t>(b)] = a;
  }

 private:
  std::vector<int> parent_;
};

}  // namespace annals
