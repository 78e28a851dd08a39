#pragma once

// Deterministic input mutation for the fuzz driver: the same corpus and seed always give the
// same sequence of inputs (no coverage feedback, so the targets' threads and clocks cannot
// change what is generated). Byte-level mutations (bit flips, insert/delete, chunk
// duplication, splicing two inputs, interesting bytes and numbers, deep nesting, invalid UTF-8,
// line breaks) plus structure-aware ones for inputs that are JSON or hold JSON lines (replace,
// delete, duplicate or retype one value; graft a value from another corpus document).

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/json.h"

namespace agenthub::fuzz {

class Mutator {
 public:
  // `corpus` must not be empty; `max_len` bounds every generated input.
  Mutator(std::vector<std::string> corpus, std::uint64_t seed, std::size_t max_len);

  // The next input: a corpus entry or an earlier mutant, mutated 1..5 times.
  [[nodiscard]] std::string next();

 private:
  void mutate_once(std::string& data);
  // Structural mutation of the whole input, or else of the JSON inside one of its lines.
  bool mutate_json(std::string& data);
  bool mutate_json_span(std::string& data, std::size_t begin, std::size_t end);
  void mutate_json_node(Json& root);
  [[nodiscard]] Json random_value();
  [[nodiscard]] const std::string& random_token();
  [[nodiscard]] std::size_t below(std::size_t n);  // uniform in [0, n); 0 when n == 0
  [[nodiscard]] bool chance(unsigned percent);

  std::vector<std::string> corpus_;
  std::vector<Json> documents_;      // corpus entries (or their lines) that parse as JSON
  std::size_t json_entries_ = 0;     // corpus entries that are or contain JSON
  std::vector<std::string> tokens_;  // JSON punctuation, keywords and corpus strings
  std::vector<std::string> recent_;  // a ring of earlier mutants, mutated again later
  std::size_t recent_next_ = 0;
  std::mt19937_64 rng_;
  std::size_t max_len_;
};

}  // namespace agenthub::fuzz
