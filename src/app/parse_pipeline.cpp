#include "app/parse_pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "patch/patch_builder.hpp"

namespace pt {

namespace {

constexpr std::size_t k_batch = 64;  // messages per hand-over: amortises the locking
// Or fewer, once they hold this much text: the queue holds a few batches, and each message
// keeps its read block alive; 64 mails of 100 KB to 1 MB (a run of treewide patches) made
// a batch's peak memory.
constexpr std::size_t k_batch_bytes = 1u << 20;

struct Batch {
  std::size_t first = 0;  // position of its first message in the input
  std::vector<RawMessage> raw;
};

}  // namespace

void parse_each(const std::vector<std::string>& inputs, const InputOptions& input,
                const MailInfoOptions& mailinfo, unsigned jobs,
                const std::function<void(const InputProblem&)>& problem,
                const std::function<void(std::size_t, Patch&&)>& sink,
                const std::function<bool(std::size_t)>& wanted) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::mutex mu;
  std::condition_variable has_work, has_room;
  std::deque<Batch> queue;
  bool finished = false;

  auto worker = [&] {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mu);
        has_work.wait(lock, [&] { return finished || !queue.empty(); });
        if (queue.empty()) return;
        batch = std::move(queue.front());
        queue.pop_front();
      }
      has_room.notify_one();
      for (std::size_t k = 0; k < batch.raw.size(); ++k) {
        std::size_t position = batch.first + k;
        if (!wanted || wanted(position)) sink(position, build_patch(batch.raw[k], mailinfo));
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < jobs; ++i) pool.emplace_back(worker);

  Batch current;
  std::size_t handed = 0;         // messages handed over so far
  std::size_t current_bytes = 0;  // text of the messages in `current`
  auto hand_over = [&] {
    current.first = handed;
    handed += current.raw.size();
    {
      std::unique_lock lock(mu);
      // Bounded queue: the reader never runs far ahead of the workers.
      has_room.wait(lock, [&] { return queue.size() < 4 * jobs; });
      queue.push_back(std::move(current));
    }
    has_work.notify_one();
    current = Batch{};
    current_bytes = 0;
  };
  read_inputs(
      inputs, input,
      [&](RawMessage&& m) {
        current_bytes += m.text().size();
        current.raw.push_back(std::move(m));
        if (current.raw.size() == k_batch || current_bytes >= k_batch_bytes) hand_over();
      },
      problem);
  if (!current.raw.empty()) hand_over();
  {
    std::lock_guard lock(mu);
    finished = true;
  }
  has_work.notify_all();
  for (auto& t : pool) t.join();
}

std::vector<Patch> parse_inputs(const std::vector<std::string>& inputs, const InputOptions& input,
                                const MailInfoOptions& mailinfo, unsigned jobs,
                                const std::function<void(const InputProblem&)>& problem) {
  std::mutex mu;
  std::vector<Patch> patches;
  parse_each(inputs, input, mailinfo, jobs, problem, [&](std::size_t at, Patch&& p) {
    std::lock_guard lock(mu);
    if (patches.size() <= at) patches.resize(at + 1);
    patches[at] = std::move(p);
  });
  return patches;
}

}  // namespace pt
