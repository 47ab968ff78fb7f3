#include "app/batch_record.hpp"

namespace pt {

std::string batch_json_line(const std::vector<ThreadInput>& records, std::size_t index,
                            const ThreadSet& threads, const JsonExtras& extras) {
  // Of the other messages, patch_to_json_line reads the Message-IDs of the cover of the
  // patch's series and of the message a reply answers, nothing else. It is handed a view of
  // three: the patch itself (0, read from extras.whole), the one it answers (1) and its
  // series' cover (2), with the patch's thread facts and series renumbered to match.
  std::vector<Patch> view(3);
  ThreadSet one;
  one.facts.push_back(threads.facts[index]);
  ThreadFacts& f = one.facts[0];
  if (f.answers) {
    view[1].message_id = records[*f.answers].message_id();
    f.answers = 1;
  }
  if (f.series) {
    Series s = threads.series[*f.series];  // its id is printed, its position is not
    if (s.cover) {
      view[2].message_id = records[*s.cover].message_id();
      s.cover = 2;
    }
    // The patch's number is where it stands among the members; the others only differ.
    for (auto& m : s.members)
      if (m) m = *m == index ? 0 : 1;
    f.series = 0;
    one.series.push_back(std::move(s));
  }
  return patch_to_json_line(view, 0, one, extras);
}

}  // namespace pt
