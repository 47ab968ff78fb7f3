// thread stage: the value types of threads, series and review facts.
// (built from all patch objects of an input; indexes refer to that vector of Patch)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pt {

// A trailer found in a reply (or in a reply to the cover letter) for a patch.
struct ReviewTrailer {
  std::string key, value, name, email;
  std::string from_reply;       // Message-ID of the reply that carries it
  std::string sender;           // "Name <address>" of that reply
  bool sender_matches = false;  // b4's rule: the trailer names the reply's sender
  bool via_cover = false;       // sent to the cover letter, so it covers every patch
};

// A maintainer's word in a reply: "Applied, thanks", "queued for", a NAK.
struct ReplyFact {
  std::string kind;        // "applied", "queued", "nak"
  std::string from_reply;  // Message-ID of the reply
  std::string sender;
  std::string line;        // the line that says so
};

struct Series {
  int id = 0;
  std::string thread;                  // root Message-ID of the thread it came in
  std::string author_email;
  int version = 1;
  int total = 0;                       // n/N's N, 0 for an unnumbered single patch
  std::optional<std::size_t> cover;    // index of the cover letter message
  std::vector<std::optional<std::size_t>> members;  // by number 1..N (and beyond for 6/5)
  std::vector<int> carried_from;       // per member: version a partial reroll reused, or 0
  std::vector<int> missing;            // numbers 1..N without a patch
  bool resend = false, autosel = false;
  std::string stable_range;            // "6.6-6.6", "7.0-6.6"; "" for mainline series
  std::optional<int> superseded_by;    // id of a newer version of this series
};

// What the thread stage adds to one message.
struct ThreadFacts {
  std::string thread;                  // root Message-ID (may be a message not in the input)
  std::optional<std::string> parent;   // Message-ID this one answers
  std::optional<int> series;           // id of its Series
  int replies = 0;                     // messages in the input that answer this one
  std::vector<ReviewTrailer> review_trailers;
  std::vector<ReplyFact> reply_facts;
  std::optional<std::size_t> answers;  // for a reply: the patch or cover it is about
  std::string superseded_by;           // Message-ID of the same patch in a newer version
  bool is_cover = false;               // a cover letter (0/N, or a naked one)
};

struct Thread {
  std::string root;                    // root Message-ID
  std::vector<std::size_t> messages;   // in input order
  std::vector<int> series;             // ids
};

struct ThreadSet {
  std::vector<ThreadFacts> facts;      // parallel to the patches
  std::vector<Series> series;          // id = position
  std::vector<Thread> threads;         // in order of first appearance
};

}  // namespace pt
