#include "repo/spare_lines.hpp"

namespace pt::spare_lines {
namespace {

struct Spares {
  std::vector<std::vector<FileLine>> vectors;  // oldest first
  std::size_t bytes = 0;
};

std::size_t bytes_of(const std::vector<FileLine>& v) { return v.capacity() * sizeof(FileLine); }

// This thread's spares. A plain pointer, so that a vector freed while the thread exits
// (after the spares are gone) is simply freed: `gone` says the owner has run.
thread_local Spares* t_spares = nullptr;
thread_local bool t_gone = false;

struct Owner {
  ~Owner() {
    delete t_spares;
    t_spares = nullptr;
    t_gone = true;
  }
};

Spares* spares() {
  if (t_gone) return nullptr;
  thread_local Owner owner;
  if (!t_spares) t_spares = new Spares;
  return t_spares;
}

}  // namespace

std::vector<FileLine> take(std::size_t want) {
  std::vector<FileLine> v;
  if (Spares* s = spares()) {
    auto best = s->vectors.end();
    for (auto it = s->vectors.begin(); it != s->vectors.end(); ++it)
      if (it->capacity() >= want && (best == s->vectors.end() || it->capacity() < best->capacity()))
        best = it;
    if (best != s->vectors.end()) {
      v = std::move(*best);
      s->vectors.erase(best);
      s->bytes -= bytes_of(v);
    }
  }
  v.reserve(want);
  return v;
}

void give(std::vector<FileLine>&& lines) {
  const std::size_t bytes = bytes_of(lines);
  Spares* s = spares();
  if (!s || bytes == 0 || bytes > k_max_bytes) return;
  while (!s->vectors.empty() &&
         (s->bytes + bytes > k_max_bytes || s->vectors.size() >= k_max_vectors)) {
    s->bytes -= bytes_of(s->vectors.front());
    s->vectors.erase(s->vectors.begin());
  }
  lines.clear();
  s->bytes += bytes;
  s->vectors.push_back(std::move(lines));
}

std::size_t kept_bytes() {
  Spares* s = spares();
  return s ? s->bytes : 0;
}

}  // namespace pt::spare_lines
