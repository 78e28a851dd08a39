#include "core/error.h"

#include "core/error_table.h"

namespace agenthub {

std::string Error::to_string() const {
  std::string out(error_code_name(code));
  out += ": ";
  out += message;
  return out;
}

}  // namespace agenthub
