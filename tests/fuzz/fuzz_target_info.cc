#include "fuzz_target_info.h"

namespace agenthub::fuzz {

const FuzzTargetInfo kFuzzTargetInfo{AGENTHUB_FUZZ_NAME, AGENTHUB_FUZZ_CORPUS_DIR,
                                     AGENTHUB_FUZZ_CRASH_DIR, AGENTHUB_FUZZ_ITERATIONS,
                                     AGENTHUB_FUZZ_MAX_INPUT_BYTES};

}  // namespace agenthub::fuzz
