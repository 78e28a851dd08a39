#include "hub/event_log.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "core/clock.h"
#include "core/fs.h"
#include "hub/json_fields.h"
#include "hub/storage_layout.h"

namespace agenthub::hub {

namespace fsys = std::filesystem;

namespace {

constexpr std::size_t kScanBlockBytes = 1 << 20;

Result<RunEvent> parse_line(std::string_view line) {
  auto json = parse_json(line);
  if (!json.ok()) return json.error();
  return decode_run_event(*json);
}

Status pread_all(int fd, std::uint64_t offset, std::size_t length, std::string& out,
                 const fsys::path& path) {
  out.resize(length);
  std::size_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd, out.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_error("read", path);
    if (n == 0) return Error{ErrorCode::kIo, "unexpected end of " + path.string()};
    done += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

EventLine classify_event_line(std::string_view line, std::int64_t last_seq) {
  EventLine out;
  auto event = parse_line(line);
  if (!event.ok()) return out;
  out.event = std::move(*event);
  if (out.event.seq == last_seq + 1) {
    out.kind = EventLineKind::kNext;
  } else if (out.event.seq <= last_seq) {
    out.kind = EventLineKind::kDuplicate;
  } else {
    out.kind = EventLineKind::kOutOfSequence;
  }
  return out;
}

EventLog::EventLog(fsys::path run_dir, EventLogOptions options)
    : path_(run_dir / kEventsFileName), options_(std::move(options)), artifacts_(run_dir) {}

Result<std::unique_ptr<EventLog>> EventLog::open(fsys::path run_dir, EventLogOptions options) {
  AGENTHUB_RETURN_IF_ERROR(ensure_dir(run_dir));
  return open_file(std::move(run_dir), std::move(options), /*create=*/true);
}

Result<std::unique_ptr<EventLog>> EventLog::open_existing(fsys::path run_dir,
                                                          EventLogOptions options) {
  return open_file(std::move(run_dir), std::move(options), /*create=*/false);
}

Result<std::unique_ptr<EventLog>> EventLog::open_file(fsys::path run_dir, EventLogOptions options,
                                                      bool create) {
  std::unique_ptr<EventLog> log(new EventLog(run_dir, std::move(options)));
  struct stat st {};
  log->recovery_.created = ::lstat(log->path_.c_str(), &st) != 0;
  int flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0);
  log->fd_.reset(::open(log->path_.c_str(), flags, 0600));
  if (!log->fd_) return errno_error("open", log->path_);
  if (log->recovery_.created) AGENTHUB_RETURN_IF_ERROR(fsync_dir(run_dir));
  AGENTHUB_RETURN_IF_ERROR(log->recover());
  AGENTHUB_RETURN_IF_ERROR(log->artifacts_.remove_after(log->written_seq_));
  return log;
}

EventLog::~EventLog() {
  close();
  if (fd_) {
    Status synced = sync();
    if (!synced.ok())
      spdlog::warn("event log {}: final sync failed: {}", path_.string(),
                   synced.error().to_string());
  }
}

Status EventLog::recover() {
  struct stat st {};
  if (::fstat(fd_.get(), &st) != 0) return errno_error("stat", path_);
  if (!S_ISREG(st.st_mode)) {
    return Error{ErrorCode::kFailedPrecondition, "not a regular file: " + path_.string()};
  }
  const auto file_size = static_cast<std::uint64_t>(st.st_size);
  std::uint64_t good_end = 0;  // end of the last event's line
  std::uint64_t line_start = 0;
  // Complete lines since the last event: skipped when another event follows, else the tail.
  std::size_t lines_since_event = 0;
  std::size_t events_since_event = 0;  // of those, lines that decode (duplicates, gaps)
  std::size_t duplicates = 0;
  std::size_t gaps = 0;
  std::string pending;  // bytes of the current, unfinished line
  std::string block;
  for (std::uint64_t pos = 0; pos < file_size;) {
    std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(kScanBlockBytes, file_size - pos));
    AGENTHUB_RETURN_IF_ERROR(pread_all(fd_.get(), pos, n, block, path_));
    std::size_t from = 0;
    for (std::size_t nl; (nl = block.find('\n', from)) != std::string::npos; from = nl + 1) {
      pending.append(block, from, nl - from);
      std::uint64_t line_end = pos + nl + 1;
      EventLine line = classify_event_line(pending, written_seq_);
      if (line.kind == EventLineKind::kNext) {
        index_.push_back(IndexEntry{line.event.seq, line_start,
                                    static_cast<std::uint32_t>(line_end - line_start)});
        written_seq_ = line.event.seq;
        good_end = line_end;
        remember_recent(std::move(line.event));
        recovery_.skipped_lines += lines_since_event;
        lines_since_event = 0;
        events_since_event = 0;
      } else {
        ++lines_since_event;
        if (line.kind != EventLineKind::kUndecodable) ++events_since_event;
        if (line.kind == EventLineKind::kDuplicate) ++duplicates;
        if (line.kind == EventLineKind::kOutOfSequence) ++gaps;
      }
      pending.clear();
      line_start = line_end;
    }
    pending.append(block, from, std::string::npos);
    pos += n;
  }
  recovery_.last_seq = written_seq_;
  recovery_.kept_bytes = good_end;
  recovery_.truncated_bytes = file_size - good_end;
  recovery_.dropped_events = events_since_event;
  if (good_end < file_size) {
    spdlog::warn(
        "event log {}: dropping {} bytes after the last event (seq {}): {} complete lines, {} of "
        "them events with a duplicate or out-of-sequence seq",
        path_.string(), file_size - good_end, written_seq_, lines_since_event, events_since_event);
    if (events_since_event > 0) AGENTHUB_RETURN_IF_ERROR(keep_dropped_tail(good_end, file_size));
    if (::ftruncate(fd_.get(), static_cast<off_t>(good_end)) != 0) {
      return errno_error("truncate", path_);
    }
  }
  if (recovery_.skipped_lines > 0) {
    spdlog::warn(
        "event log {}: skipped {} lines that are no event of this log ({} duplicate and {} "
        "out-of-sequence seqs in the whole file)",
        path_.string(), recovery_.skipped_lines, duplicates, gaps);
  }
  // What survived is now made durable, so it may be shown.
  if (::fdatasync(fd_.get()) != 0) return errno_error("fdatasync", path_);
  end_offset_ = good_end;
  durable_seq_ = written_seq_;
  return {};
}

// Events in a tail about to be truncated were complete: another writer's, or a file damaged
// some other way. Deleting is right for the log (they break its sequence), but they are kept
// aside so that nobody's data vanishes without a trace.
Status EventLog::keep_dropped_tail(std::uint64_t from, std::uint64_t to) {
  const fsys::path dropped = path_.parent_path() / kDroppedEventsFileName;
  std::string bytes;
  AGENTHUB_RETURN_IF_ERROR(
      pread_all(fd_.get(), from, static_cast<std::size_t>(to - from), bytes, path_));
  if (bytes.back() != '\n') bytes += '\n';  // a torn last line must not glue to the next copy
  UniqueFd out(
      ::open(dropped.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!out) return errno_error("open", dropped);
  AGENTHUB_RETURN_IF_ERROR(write_all(out.get(), bytes));
  if (::fdatasync(out.get()) != 0) return errno_error("fdatasync", dropped);
  return fsync_dir(path_.parent_path());
}

void EventLog::remember_recent(RunEvent event) {
  recent_.push_back(std::move(event));
  while (recent_.size() > options_.recent_events) recent_.pop_front();
}

Result<RunEvent> EventLog::append(RunEvent event, Durability durability) {
  std::unique_lock append_lock(append_mu_);
  std::uint64_t offset = 0;
  {
    std::lock_guard lock(mu_);
    if (closed_) return Error{ErrorCode::kFailedPrecondition, "event log is closed"};
    event.seq = written_seq_ + 1;
    offset = end_offset_;
  }
  if (event.ts.empty()) event.ts = iso8601_now();
  SanitizedEvent sanitized = sanitize_event(std::move(event), options_.sanitizer);
  AGENTHUB_RETURN_IF_ERROR(
      artifacts_.write(sanitized.event.seq, sanitized.event.type_name(), sanitized.artifacts));
  std::string line = std::move(sanitized.serialized);
  line += '\n';
  Status written = write_all(fd_.get(), line);
  if (!written.ok()) {
    // Drop a partial line so the next append starts on a line boundary.
    if (::ftruncate(fd_.get(), static_cast<off_t>(offset)) != 0) {
      spdlog::error("event log {}: cannot drop a partial line: {}", path_.string(),
                    std::strerror(errno));
    }
    return std::move(written).take_error();
  }
  bool sync_now = durability == Durability::kSyncNow;
  {
    std::lock_guard lock(mu_);
    index_.push_back(
        IndexEntry{sanitized.event.seq, offset, static_cast<std::uint32_t>(line.size())});
    written_seq_ = sanitized.event.seq;
    end_offset_ = offset + line.size();
    remember_recent(sanitized.event);
    sync_now = sync_now || std::chrono::steady_clock::now() - last_sync_ >= options_.sync_interval;
  }
  if (sync_now) {
    AGENTHUB_RETURN_IF_ERROR(sync());
  } else {
    appended_.notify_all();  // waiters sync it themselves
  }
  return std::move(sanitized.event);
}

Status EventLog::sync() {
  std::lock_guard sync_lock(sync_mu_);
  std::int64_t target = 0;
  {
    std::lock_guard lock(mu_);
    if (durable_seq_ >= written_seq_) return {};
    target = written_seq_;
  }
  if (::fdatasync(fd_.get()) != 0) return errno_error("fdatasync", path_);
  {
    std::lock_guard lock(mu_);
    durable_seq_ = std::max(durable_seq_, target);
    last_sync_ = std::chrono::steady_clock::now();
  }
  appended_.notify_all();
  return {};
}

std::int64_t EventLog::last_seq() {
  Status synced = sync();
  if (!synced.ok()) {
    spdlog::warn("event log {}: sync failed: {}", path_.string(), synced.error().to_string());
  }
  std::lock_guard lock(mu_);
  return durable_seq_;
}

Result<std::vector<RunEvent>> EventLog::read_after(std::int64_t after_seq, std::size_t limit) {
  AGENTHUB_RETURN_IF_ERROR(sync());
  std::vector<IndexEntry> from_file;
  std::vector<RunEvent> from_memory;
  {
    std::lock_guard lock(mu_);
    auto it = std::upper_bound(index_.begin(), index_.end(), after_seq,
                               [](std::int64_t seq, const IndexEntry& e) { return seq < e.seq; });
    std::int64_t oldest_recent = recent_.empty() ? INT64_MAX : recent_.front().seq;
    for (; it != index_.end() && it->seq <= durable_seq_ &&
           from_file.size() + from_memory.size() < limit;
         ++it) {
      if (it->seq < oldest_recent) {
        from_file.push_back(*it);
      } else {
        from_memory.push_back(recent_[static_cast<std::size_t>(
            std::lower_bound(recent_.begin(), recent_.end(), it->seq,
                             [](const RunEvent& e, std::int64_t seq) { return e.seq < seq; }) -
            recent_.begin())]);
      }
    }
  }
  auto events = read_lines(from_file);
  if (!events.ok()) return events;
  for (RunEvent& e : from_memory) events->push_back(std::move(e));
  return events;
}

Result<std::vector<RunEvent>> EventLog::read_lines(const std::vector<IndexEntry>& entries) {
  std::vector<RunEvent> out;
  if (entries.empty()) return out;
  // Lines are contiguous in the file: one read covers them all.
  std::uint64_t begin = entries.front().offset;
  std::uint64_t end = entries.back().offset + entries.back().length;
  std::string bytes;
  AGENTHUB_RETURN_IF_ERROR(
      pread_all(fd_.get(), begin, static_cast<std::size_t>(end - begin), bytes, path_));
  out.reserve(entries.size());
  for (const IndexEntry& e : entries) {
    std::string_view line(bytes.data() + (e.offset - begin), e.length - 1);
    auto event = parse_line(line);
    if (!event.ok()) {
      return Error{ErrorCode::kIo, path_.string() + ": event " + std::to_string(e.seq) +
                                       " no longer parses: " + event.error().message};
    }
    out.push_back(std::move(*event));
  }
  return out;
}

Result<std::vector<RunEvent>> EventLog::wait_after(std::int64_t after_seq, std::size_t limit,
                                                   std::chrono::steady_clock::time_point deadline,
                                                   std::stop_token stop) {
  {
    std::unique_lock lock(mu_);
    ++waiting_readers_;
    bool arrived = appended_.wait_until(lock, stop, deadline,
                                        [&] { return written_seq_ > after_seq || closed_; });
    --waiting_readers_;
    if (!arrived || written_seq_ <= after_seq) return std::vector<RunEvent>{};
  }
  return read_after(after_seq, limit);
}

Result<RunEvent> EventLog::read_event(std::int64_t seq) {
  auto events = read_after(seq - 1, 1);
  if (!events.ok()) return events.error();
  if (events->empty() || events->front().seq != seq) {
    return Error{ErrorCode::kNotFound, "no event with seq " + std::to_string(seq)};
  }
  return std::move(events->front());
}

Result<ArtifactSlice> EventLog::read_artifact(std::int64_t seq, std::string_view field_path,
                                              std::int64_t offset, std::int64_t limit) {
  auto event = read_event(seq);
  if (!event.ok()) return event.error();
  const Json* refs = json_find(event->data, "artifact_refs");
  return artifacts_.read(refs != nullptr ? *refs : Json::object(), field_path, offset, limit);
}

std::size_t EventLog::waiting_readers() {
  std::lock_guard lock(mu_);
  return waiting_readers_;
}

void EventLog::close() {
  {
    std::lock_guard lock(mu_);
    closed_ = true;
  }
  appended_.notify_all();
}

}  // namespace agenthub::hub
