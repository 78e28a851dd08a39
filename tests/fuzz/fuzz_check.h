#pragma once

// Invariant checks for fuzz targets. A failed FUZZ_CHECK prints what failed and abort()s, so the
// driver (fuzz_driver.cc) or libFuzzer saves the input that caused it. Unlike assert() these
// stay on in release builds, which is where the fuzz label usually runs.

#include <string>
#include <string_view>

#include "core/json.h"

namespace agenthub::fuzz {

[[noreturn]] void check_failed(const char* condition, const char* file, int line,
                               std::string_view detail);

// True when `value` survives dump_json + parse_json unchanged: every string in it is valid
// UTF-8 (dump_json replaces invalid bytes, which would make the copy differ).
[[nodiscard]] bool survives_serialization(const Json& value);

// Nesting depth of arrays/objects (iterative: safe on hostile documents).
[[nodiscard]] std::size_t json_depth(const Json& value);

// Replaces each "$DEEP" in `text` with arrays nested 100000 levels deep: far past what
// parse_json accepts, in a corpus file of a few bytes. Inputs that must prove hostile nesting
// is refused before anything recurses over it use this.
void expand_deep_nesting(std::string& text);

// Counts how often a target reached some outcome ("decoded a task", "moved a value"). With
// AGENTHUB_FUZZ_STATS=1 the counts are printed at exit, to see what a corpus and its mutants
// actually exercise. `what` must be a string literal.
void note(const char* what);

}  // namespace agenthub::fuzz

#define FUZZ_CHECK(condition)                                                             \
  do {                                                                                    \
    if (!(condition)) ::agenthub::fuzz::check_failed(#condition, __FILE__, __LINE__, {}); \
  } while (false)

// `detail` is evaluated only on failure (a string, e.g. the offending JSON).
#define FUZZ_CHECK_MSG(condition, detail)                                                     \
  do {                                                                                        \
    if (!(condition)) ::agenthub::fuzz::check_failed(#condition, __FILE__, __LINE__, detail); \
  } while (false)
