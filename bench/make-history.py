#!/usr/bin/env python3
"""Writes a git fast-import stream of a synthetic kernel-like history to stdout.

make-history.py COMMITS BRANCH_COMMITS QUERIES_FILE

mainline (refs/heads/master): COMMITS commits; every 50th names an earlier fake commit id in
`Fixes:`, every 2,000th reverts one. linux-6.6.y forks off at 90% and carries BRANCH_COMMITS
backports, each with `commit <id> upstream.`. QUERIES_FILE gets 100 ids to look up, half of
them named by some commit. Commits carry no files: history size, not tree size, is measured.
"""
import hashlib, sys

commits, branch_commits, queries_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
out = sys.stdout.buffer
def fake(n):
    return hashlib.sha1(b"upstream %d" % n).hexdigest()
def commit(ref, mark, parent, msg, t):
    data = msg.encode()
    out.write(b"commit %s\nmark :%d\ncommitter Bench <b@e> %d +0000\ndata %d\n%s\n"
              % (ref, mark, t, len(data), data))
    if parent:
        out.write(b"from :%d\n" % parent)
    out.write(b"\n")
fork = commits * 9 // 10
named = []
for i in range(1, commits + 1):
    msg = "subsys: change %d\n\nSigned-off-by: Dev <dev@example.com>\n" % i
    if i % 50 == 0 and i % 2000 != 0:
        msg += "Fixes: %s (\"subsys: change %d\")\n" % (fake(i - 7)[:12], i - 7)
        named.append(fake(i - 7))
    if i % 2000 == 0:
        msg = "Revert \"subsys: change %d\"\n\nThis reverts commit %s.\n" % (i - 3, fake(i - 3))
        named.append(fake(i - 3))
    commit(b"refs/heads/master", i, i - 1 if i > 1 else 0, msg, 1000000000 + i)
mark = commits
for k in range(1, branch_commits + 1):
    mark += 1
    msg = "subsys: backport %d\n\ncommit %s upstream.\n" % (k, fake(10**9 + k))
    if k % 2 == 0:
        named.append(fake(10**9 + k))
    commit(b"refs/heads/linux-6.6.y", mark, fork if k == 1 else mark - 1, msg, 2000000000 + k)
step = max(1, len(named) // 50)
with open(queries_file, "w") as q:
    for n in named[::step][:50]:
        q.write(n + "\n")
    for k in range(50):
        q.write(fake(5 * 10**9 + k) + "\n")
