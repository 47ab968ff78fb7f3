#!/usr/bin/env python3
"""Build the seed corpus of each fuzz target from the shared corpus and the source tree.

    make_seeds.py SHARED_DIR SOURCE_DIR OUT_DIR [--max-len N]

Writes OUT_DIR/<target>/<sha1>.seed (one file per distinct input, at most --max-len bytes)
for the targets of tests/fuzz/. Deterministic; stdlib only; reads, never changes, SHARED_DIR.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile

FROM_LINE = re.compile(rb"^From \S+ .*\d\d:\d\d", re.M)
MAX_MESSAGES_PER_FILE = 25


def files_under(root, exts=None, skip=()):
    if not os.path.isdir(root):
        return []
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if any(s in name for s in skip):
                continue
            if exts is None or name.endswith(tuple(exts)):
                out.append(os.path.join(dirpath, name))
    return out


def read(path, limit=None):
    with open(path, "rb") as f:
        return f.read(limit) if limit else f.read()


def split_mbox(data):
    """Messages of an mbox (without their From lines); a bare mail is one message."""
    starts = [m.start() for m in FROM_LINE.finditer(data)]
    if not starts:
        return [data]
    out = []
    for i, s in enumerate(starts[:MAX_MESSAGES_PER_FILE]):
        end = starts[i + 1] if i + 1 < len(starts) else len(data)
        chunk = data[s:end]
        out.append(chunk.split(b"\n", 1)[1] if b"\n" in chunk else b"")
    return out


def head_body(msg):
    msg = msg.replace(b"\r\n", b"\n")
    if b"\n\n" not in msg:
        return msg, b""
    head, body = msg.split(b"\n\n", 1)
    return head, body


def header_values(head, names):
    """(name, unfolded value) of the named fields."""
    out = []
    cur = None
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t") and cur is not None:
            cur[1] += b" " + line.strip()
            continue
        if cur is not None:
            out.append(tuple(cur))
            cur = None
        if b":" in line:
            name, value = line.split(b":", 1)
            if name.strip().lower() in names:
                cur = [name.strip().lower(), value.strip()]
    if cur is not None:
        out.append(tuple(cur))
    return out


class Seeds:
    def __init__(self, out_dir, max_len):
        self.out_dir = out_dir
        self.max_len = max_len
        self.counts = {}

    def add(self, target, data):
        if not data:
            return
        data = data[: self.max_len]
        d = os.path.join(self.out_dir, target)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, hashlib.sha1(data).hexdigest() + ".seed")
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            self.counts[target] = self.counts.get(target, 0) + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shared")
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--max-len", type=int, default=262144)
    args = ap.parse_args()
    corpus = os.path.join(args.shared, "corpus")
    seeds = Seeds(args.out, args.max_len)

    t5100 = os.path.join(corpus, "git-t5100", "t", "t5100")
    mail_files = (
        files_under(t5100, skip=("info", "msg", "patch", ".expect"))
        + files_under(os.path.join(corpus, "patchwork"), exts=(".mbox", ".patch", ".template"))
        + files_under(os.path.join(corpus, "lore-usb", "raw-samples"), exts=(".eml", ".mbox", ".mboxrd"))
        + files_under(os.path.join(corpus, "libbpf-format-patch", "patches"))
        + files_under(os.path.join(corpus, "b4"), exts=(".mbox",))
        + files_under(os.path.join(corpus, "git-t5100", "t", "t4258"))
        + files_under(os.path.join(corpus, "git-t5100", "t", "t4252"))
        + files_under(os.path.join(args.source, "testdata"), exts=(".mbox", ".txt"), skip=("README",))
    )
    pasted = files_under(os.path.join(corpus, "user-examples"), exts=(".txt",))
    subset = os.path.join(corpus, "lore-usb", "linux-usb-stable-subset.mboxrd")

    messages = []
    for path in mail_files + pasted:
        data = read(path)
        seeds.add("fuzz_mbox_split", data)
        messages.extend(split_mbox(data))
    if os.path.exists(subset):
        head = read(subset, 400_000)
        seeds.add("fuzz_mbox_split", head[:60_000])
        messages.extend(split_mbox(head))

    for msg in messages:
        seeds.add("fuzz_mailinfo", msg)
        head, body = head_body(msg)
        subject = b""
        for name, value in header_values(head, {b"from", b"subject", b"date", b"to", b"cc",
                                                b"content-type", b"reply-to"}):
            seeds.add("fuzz_headers", value)
            if name == b"subject":
                subject = value
                seeds.add("fuzz_subject", value)
        # The commit message: title paragraph, then the body up to the "---" line.
        log = body.split(b"\n---\n", 1)[0]
        seeds.add("fuzz_trailers", subject + b"\n\n" + log)
        for marker in (b"\ndiff --git ", b"\n--- ", b"\nIndex: "):
            at = body.find(marker)
            if at >= 0:
                seeds.add("fuzz_diff", body[at + 1:])
                seeds.add("fuzz_recover", body[at + 1:])
                break
    for sub in ("t4100", "t4013", "t4109", "t4110"):
        for path in files_under(os.path.join(corpus, "git-t5100", "t", sub)):
            seeds.add("fuzz_diff", read(path))
    for path in files_under(t5100):
        name = os.path.basename(path)
        if name.startswith("info") or name.startswith("rfc2047-info"):
            for line in read(path).split(b"\n"):
                if line.startswith(b"Subject: "):
                    seeds.add("fuzz_subject", line[9:])
        if name.startswith("msg"):
            seeds.add("fuzz_trailers", read(path))
    for path in files_under(os.path.join(corpus, "libbpf-format-patch", "expected")):
        if "trailers" in os.path.basename(path) or "body" in os.path.basename(path):
            seeds.add("fuzz_trailers", read(path))

    # Damaged mail: the pasted pages, a handful of mails, and (when python can render them)
    # the first stable-subset mails in every damaged form of tests/damage/.
    for path in pasted + files_under(os.path.join(args.source, "testdata", "claims"), exts=(".txt",)):
        seeds.add("fuzz_recover", read(path))
    for msg in messages[:40]:
        seeds.add("fuzz_recover", msg)
    render = os.path.join(args.source, "tests", "damage", "render_forms.py")
    if os.path.exists(render) and os.path.exists(subset):
        with tempfile.TemporaryDirectory() as tmp:
            ok = subprocess.run([sys.executable, render, subset, tmp, "--limit", "30"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
            if ok:
                for form in ("lore-page", "lkml-page", "ws-damaged", "flattened"):
                    for path in files_under(os.path.join(tmp, form)):
                        seeds.add("fuzz_recover", read(path))

    rules = files_under(os.path.join(args.source, "rules"), exts=(".yaml",))
    rules += files_under(os.path.join(args.source, "testdata", "rules"), exts=(".yaml", ".yml"))
    for path in rules:
        seeds.add("fuzz_rules", read(path))
    seeds.add("fuzz_rules", b"name: mine\nextends: stable\ndisable: [upstream-in-mainline]\n")
    seeds.add("fuzz_rules", b"name: mine\nextends: netdev.yaml\nrules:\n  - id: x\n    check: {not: {applies: {}}}\n")
    seeds.add("fuzz_rules", b"name: loop\nextends: fuzz-input.yaml\n")
    seeds.add("fuzz_rules", b"name: g\ndescription: d\nrules:\n  - id: p\n    severity: info\n"
                            b"    message: m\n    when: {paths: ['drivers/**/*.c']}\n"
                            b"    paths: {allowed: ['**/usb/*', '[a-z]?/'], forbidden: ['*a*b*']}\n")

    for target in sorted(seeds.counts):
        print(f"{target}: {seeds.counts[target]} new seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
