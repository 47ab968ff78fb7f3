// patch stage: the patch object, the unit every later stage works on.
// (mail fields + subject + message + notes + trailers + upstream refs + diff)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mail/mime_outline.hpp"
#include "patch/diff.hpp"
#include "patch/subject.hpp"
#include "patch/trailers.hpp"
#include "patch/upstream.hpp"

namespace pt {

struct Person {
  std::string name;
  std::string email;
};

struct PullRequest {
  std::string url;
  std::string ref;
};

// What was done to make sense of a message that did not arrive as mail: a web-page copy,
// a flattened text, a diff damaged by a mail client (recover/ stage).
struct Recovery {
  std::string form;                   // "lore-page", "lkml-page", "flattened", "whitespace-damaged"
  std::vector<std::string> repairs;   // each repair of the rendering, a short phrase
  std::vector<std::string> diff_repairs;  // each repair of the diff (redone by a rebuild)
  std::string confidence;             // "high" (diff exact), "medium", "low" (diff unverified)
  bool diff_exact = false;            // every diff line is the sender's, byte for byte
  bool preimage_exact = false;        // context and removed lines are the file's own bytes
  bool flattened = false;             // the diff lost its line breaks
  std::string damaged_diff;           // the diff as recovered, kept for a rebuild against files
  std::vector<std::string> evidence;  // files the diff was rebuilt from ("blob 4b3f4f1", "linux-6.12.y:path")
};

enum class PatchKind { patch, cover_letter, pull_request, reply, no_patch };

struct Patch {
  std::string source;            // file the mail came from
  std::uint64_t offset = 0;      // byte offset of the mail in it
  std::string message_id, in_reply_to;
  std::vector<std::string> references;
  std::string to, cc;             // To/Cc values, unfolded and decoded, one field per line;
                                 // split_recipients() (mail/address.hpp) lists the addresses

  std::string subject;           // decoded Subject header
  Subject subject_info;          // prefixes, version, n/m, stable range
  std::string title;             // as git mailinfo prints Subject
  Person author;                 // in-body From wins, as with git am
  bool author_from_body = false;
  std::string date, date_utc;

  std::string message;           // commit message (git mailinfo msg)
  std::string patch_text;        // everything after it (git mailinfo patch)
  std::string notes;             // free text between "---" and the diff (AUTOSEL analyses)
  std::string diffstat;          // the diffstat as written in the mail
  Diff diff;
  std::vector<Trailer> trailers;
  std::vector<UpstreamRef> upstream;
  std::string stable_base;       // X-stable-base header
  std::optional<PullRequest> pull_request;
  std::vector<MimePart> parts;   // MIME outline of a multipart mail

  PatchKind kind = PatchKind::no_patch;
  bool is_patch = false;         // carries at least one file diff
  std::vector<std::string> problems;  // what was odd or repaired: charset, encoding, corrupt diff
  std::optional<Recovery> recovered;  // set when the message was a rendering or a damaged diff
};

const char* to_string(PatchKind kind);

}  // namespace pt
