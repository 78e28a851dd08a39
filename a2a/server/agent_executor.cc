#include "a2a/server/agent_executor.h"

#include "core/ids.h"

namespace agenthub::a2a {

Message TaskUpdater::agent_message(std::vector<Part> parts) const {
  Message m;
  m.message_id = new_uuid_v4();
  m.task_id = task_id();
  m.context_id = context_id();
  m.role = Role::kAgent;
  m.parts = std::move(parts);
  return m;
}

}  // namespace agenthub::a2a
