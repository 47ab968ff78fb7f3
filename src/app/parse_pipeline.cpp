#include "app/parse_pipeline.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "patch/patch_builder.hpp"

namespace pt {

namespace {

constexpr std::size_t k_batch = 64;  // messages per hand-over: amortises the locking

struct Batch {
  std::size_t number = 0;
  std::vector<RawMessage> raw;
};

}  // namespace

std::vector<Patch> parse_inputs(const std::vector<std::string>& inputs, const InputOptions& input,
                                const MailInfoOptions& mailinfo, unsigned jobs,
                                const std::function<void(const InputProblem&)>& problem) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::mutex mu;
  std::condition_variable has_work, has_room;
  std::deque<Batch> queue;
  std::vector<std::vector<Patch>> done;  // by batch number
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
      std::vector<Patch> out;
      out.reserve(batch.raw.size());
      for (const auto& raw : batch.raw) out.push_back(build_patch(raw, mailinfo));
      std::lock_guard lock(mu);
      if (done.size() <= batch.number) done.resize(batch.number + 1);
      done[batch.number] = std::move(out);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < jobs; ++i) pool.emplace_back(worker);

  Batch current;
  std::size_t batches = 0;
  auto hand_over = [&] {
    current.number = batches++;
    {
      std::unique_lock lock(mu);
      // Bounded queue: the reader never runs far ahead of the workers.
      has_room.wait(lock, [&] { return queue.size() < 4 * jobs; });
      queue.push_back(std::move(current));
    }
    has_work.notify_one();
    current = Batch{};
  };
  read_inputs(
      inputs, input,
      [&](RawMessage&& m) {
        current.raw.push_back(std::move(m));
        if (current.raw.size() == k_batch) hand_over();
      },
      problem);
  if (!current.raw.empty()) hand_over();
  {
    std::lock_guard lock(mu);
    finished = true;
  }
  has_work.notify_all();
  for (auto& t : pool) t.join();

  std::vector<Patch> patches;
  for (auto& part : done)
    for (auto& p : part) patches.push_back(std::move(p));
  return patches;
}

}  // namespace pt
