#pragma once

// What the driver needs to know about the target it is linked with. Defined by
// fuzz_target_info.cc, compiled once per target with the values from tests/fuzz/CMakeLists.txt.

#include <cstddef>

namespace agenthub::fuzz {

struct FuzzTargetInfo {
  const char* name;                // "sse_parser"
  const char* corpus_dir;          // tests/fuzz/corpus/<name> in the source tree
  const char* crash_dir;           // where failing inputs are written
  std::size_t default_iterations;  // mutants per run unless AGENTHUB_FUZZ_ITERATIONS says
  std::size_t max_input_bytes;     // bound on generated inputs
};

extern const FuzzTargetInfo kFuzzTargetInfo;

}  // namespace agenthub::fuzz
