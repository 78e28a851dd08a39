#include "agents/common/tail_buffer.h"

#include "core/utf8.h"

namespace agenthub::agents {

void TailBuffer::append(std::string_view data) {
  total_ += data.size();
  if (capacity_ == 0) return;
  if (data.size() >= capacity_) {
    data_.assign(data.substr(data.size() - capacity_));
    return;
  }
  data_.append(data);
  if (data_.size() > 2 * capacity_) data_.erase(0, data_.size() - capacity_);
}

std::string TailBuffer::text() const {
  std::string_view kept(data_);
  if (kept.size() > capacity_) kept.remove_prefix(kept.size() - capacity_);
  if (truncated()) {
    // Skip UTF-8 continuation bytes left over from a character whose start was dropped.
    std::size_t skip = 0;
    while (skip < 3 && skip < kept.size() &&
           (static_cast<unsigned char>(kept[skip]) & 0xC0) == 0x80) {
      ++skip;
    }
    kept.remove_prefix(skip);
  }
  return sanitize_utf8(kept);
}

}  // namespace agenthub::agents
