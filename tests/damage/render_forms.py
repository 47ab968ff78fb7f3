#!/usr/bin/env python3
"""Render the mails of an mboxrd file into the damaged forms users paste.

    render_forms.py MBOX OUTDIR [--limit N]

For each message i (0-based) writes OUTDIR/<form>/<i:05d>.txt for the forms
mail, lore-page, lkml-page, ws-damaged and flattened (see README.md), and
OUTDIR/index.tsv (i, message_id, has_diff, subject).  Deterministic; stdlib only.
"""

import argparse
import datetime as dt
import email
import email.policy
import email.utils
import os
import re
import sys
from email.header import decode_header, make_header

FORMS = ("mail", "lore-page", "lkml-page", "ws-damaged", "flattened")

# ---------------------------------------------------------------------------
# mbox splitting

_QUOTED_FROM = re.compile(rb"^>(>*From )")


def split_mboxrd(data):
    """Yields (envelope_line, quoted_lines, unquoted_bytes) per message.

    A message starts at a "From " line at the start of the file or after an
    empty line.  The empty line before the next envelope is the mbox
    separator and is not part of the message."""
    lines = data.splitlines(keepends=True)
    msgs = []
    cur = None
    prev_empty = True
    for line in lines:
        if line.startswith(b"From ") and prev_empty:
            if cur is not None:
                msgs.append(cur)
            cur = [line, []]
        elif cur is not None:
            cur[1].append(line)
        prev_empty = line in (b"\n", b"\r\n")
    if cur is not None:
        msgs.append(cur)
    for env, body in msgs:
        if body and body[-1] in (b"\n", b"\r\n"):
            body = body[:-1]
        unquoted = b"".join(_QUOTED_FROM.sub(rb"\1", ln) for ln in body)
        yield env, body, unquoted


# ---------------------------------------------------------------------------
# headers

def split_head(raw):
    """(header_bytes_including_final_newline, body_bytes)."""
    m = re.search(rb"\r?\n\r?\n", raw)
    if raw.startswith((b"\n", b"\r\n")):
        return b"", raw.split(b"\n", 1)[1]
    if not m:
        return raw, b""
    return raw[:m.start()] + raw[m.start():m.end()].splitlines(keepends=True)[0], raw[m.end():]


def parse_fields(head):
    """[(name, raw_value_with_folding)] from header bytes (UTF-8, lenient)."""
    text = head.decode("utf-8", "replace").replace("\r\n", "\n")
    fields = []
    for line in text.split("\n"):
        if not line:
            continue
        if line[0] in " \t" and fields:
            fields[-1][1] += "\n" + line
        elif ":" in line:
            name, value = line.split(":", 1)
            fields.append([name.strip(), value])
    return [(n, v) for n, v in fields]


def unfold(value):
    return re.sub(r"\r?\n(?=[ \t])", "", value).strip()


def decode_words(value):
    v = unfold(value)
    try:
        return str(make_header(decode_header(v)))
    except Exception:
        return v


def first(fields, name):
    for n, v in fields:
        if n.lower() == name.lower():
            return v
    return None


def split_addresses(value):
    """Split an address list at commas outside quotes, comments and <>."""
    out, cur, quote, angle, paren = [], [], False, 0, 0
    i = 0
    while i < len(value):
        c = value[i]
        if quote:
            cur.append(c)
            if c == "\\" and i + 1 < len(value):
                cur.append(value[i + 1])
                i += 1
            elif c == '"':
                quote = False
        elif c == '"':
            quote = True
            cur.append(c)
        elif c == "<":
            angle += 1
            cur.append(c)
        elif c == ">":
            angle = max(0, angle - 1)
            cur.append(c)
        elif c == "(":
            paren += 1
            cur.append(c)
        elif c == ")":
            paren = max(0, paren - 1)
            cur.append(c)
        elif c == "," and not angle and not paren:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    out.append("".join(cur))
    return [re.sub(r"\s+", " ", a).strip() for a in out if a.strip()]


_FOLD = re.compile(r"(.{0,64}\W(?:,|\Z)|.{1,64}(?:,|\Z)|.{1,64}|.{65,}?)(?:\s|\Z)")


def wrap_addresses(name, value):
    """'Name: a, b,\\nc': public-inbox's fold_addresses (72 columns, fold
    after a comma, preferably one after '>' or ')'), as the browser copy
    shows it: continuation lines lose their tab."""
    line = "%s: %s" % (name, ", ".join(split_addresses(value)))
    if len(line) <= 72:
        return line
    return "\n".join(_FOLD.findall(line.rstrip()))


def author(fields):
    """(display name, address) of the From header, decoded."""
    name, addr = email.utils.parseaddr(decode_words(first(fields, "From") or ""))
    return name.strip(), addr.strip()


def message_date(fields):
    v = first(fields, "Date")
    if not v:
        return None
    try:
        d = email.utils.parsedate_to_datetime(unfold(v))
    except Exception:
        return None
    if d is None:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.timezone.utc)
    return d.astimezone(dt.timezone.utc)


# ---------------------------------------------------------------------------
# body

def _decode_bytes(data, charset):
    if charset:
        try:
            return data.decode(charset, "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1252", "replace")


def body_text(raw):
    """The readable text of a message: transfer encoding and charset undone;
    multipart: its text/plain (and inline text/x-patch, text/x-diff) parts in
    order, joined."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if msg.is_multipart() and ctype not in ("text/plain", "text/x-patch", "text/x-diff"):
            continue
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        text = _decode_bytes(payload, part.get_content_charset()).replace("\r\n", "\n")
        if parts and not parts[-1].endswith("\n"):
            parts[-1] += "\n"
        parts.append(text)
    return "".join(parts)


def transfer_encoded(fields):
    cte = (first(fields, "Content-Transfer-Encoding") or "").strip().lower()
    return cte in ("base64", "quoted-printable")


def has_diff(text):
    return bool(re.search(r"^diff --git ", text, re.M) or
                re.search(r"^--- \S.*\n\+\+\+ \S", text, re.M))


_HWS = re.compile(r"[ \t\f\v\r]+")


def collapse(line):
    return _HWS.sub(" ", line).strip()


# ---------------------------------------------------------------------------
# forms

LORE_HEADERS = ("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To")
ADDRESS_HEADERS = ("From", "To", "Cc")


def render_lore(fields, text):
    out = []
    for name in LORE_HEADERS:
        v = first(fields, name)
        if v is None:
            continue
        dv = collapse(decode_words(v))  # as a browser renders it
        if name in ("To", "Cc"):
            out.append(wrap_addresses(name, dv))
        elif name == "Date":
            out.append("Date: %s [thread overview]" % dv)
        elif name == "Message-ID":
            out.append("Message-ID: %s (raw)" % dv)
        else:
            out.append("%s: %s" % (name, dv))
    for line in text.split("\n"):
        c = collapse(line)
        if c:
            out.append(c)
    d = message_date(fields) or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    stamp = d.strftime("%Y-%m-%d %H:%M")
    name, addr = author(fields)
    who = name or addr
    irt = first(fields, "In-Reply-To")
    mid = unfold(first(fields, "Message-ID") or "").strip().strip("<>")
    out.append("next parent reply other threads:[~%s UTC|newest]" % stamp)
    if irt:
        out.append("Thread overview: 2+ messages / expand[flat|nested] mbox.gz Atom feed top")
        out.append("[not found] %s" % unfold(irt).split()[0] if unfold(irt) else "[not found]")
        out.append("%s ` %s [this message]" % (stamp, who))
    else:
        out.append("Thread overview: 1+ messages / expand[flat|nested] mbox.gz Atom feed top")
        out.append("%s %s [this message]" % (stamp, who))
    out += [
        "Reply instructions:",
        "You may reply publicly to this message via plain-text email",
        "using any one of the following methods:",
        "* Save the following mbox file, import it into your mail client,",
        "and reply-to-all from there: mbox",
        "Avoid top-posting and favor interleaved quoting:",
        "https://en.wikipedia.org/wiki/Posting_style#Interleaved_style",
        "* Reply using the --to, --cc, and --in-reply-to",
        "switches of git-send-email(1):",
        "git send-email \\",
        "--in-reply-to=%s \\" % mid,
    ]
    if addr:
        out.append("--to=%s \\" % addr)
    ccs = set()
    for h in ("To", "Cc"):
        v = first(fields, h)
        if v:
            for _, a in email.utils.getaddresses([decode_words(v)]):
                if a and a != addr:
                    ccs.add(a)
    out += ["--cc=%s \\" % a for a in sorted(ccs)]
    out += [
        "/path/to/YOUR_REPLY",
        "https://kernel.org/pub/software/scm/git/docs/git-send-email.html",
        "* If your mail client supports setting the In-Reply-To header",
        "via mailto: links, try the mailto: link",
        "Be sure your reply has a Subject: header at the top and a blank line",
        "before the message body.",
        "This is a public inbox, see mirroring instructions",
        "for how to clone and mirror all data and code used for this inbox",
    ]
    return "\n".join(out)  # like the user example: no final newline


_DOW = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _nth_sunday(year, month, n):
    d = dt.date(year, month, 1)
    d += dt.timedelta(days=(6 - d.weekday()) % 7)
    return d + dt.timedelta(weeks=n - 1)


def _last_sunday(year, month):
    d = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


def us_eastern(utc):
    """(local naive datetime, is_dst) in US/Eastern for an aware UTC time."""
    y = utc.year
    if y >= 2007:
        start, end = _nth_sunday(y, 3, 2), _nth_sunday(y, 11, 1)
    else:
        start, end = _nth_sunday(y, 4, 1), _last_sunday(y, 10)
    # 02:00 EST -> 07:00 UTC; 02:00 EDT -> 06:00 UTC
    s = dt.datetime(start.year, start.month, start.day, 7, tzinfo=dt.timezone.utc)
    e = dt.datetime(end.year, end.month, end.day, 6, tzinfo=dt.timezone.utc)
    dst = s <= utc < e
    local = (utc - dt.timedelta(hours=4 if dst else 5)).replace(tzinfo=None)
    return local, dst


def lkml_date(utc, dst_label):
    local, dst = us_eastern(utc)
    label = "EDT" if (dst and dst_label) else "EST"
    return "%s %s %02d %d - %02d:%02d:%02d %s" % (
        _DOW[local.weekday()], _MON[local.month - 1], local.day, local.year,
        local.hour, local.minute, local.second, label)


def mask_emails(text):
    """lkml.iu.edu hides address domains: user@xxxxxxxxxx."""
    return re.sub(r"(?<=[A-Za-z0-9._%+-]@)([A-Za-z0-9.-]+\.[A-Za-z]{2,})",
                  lambda m: "x" * len(m.group(1)), text)


def render_lkml(fields, text, dst_label=False, mask=False):
    subject = decode_words(first(fields, "Subject") or "")
    name, addr = author(fields)
    who = name or addr.split("@")[0]
    d = message_date(fields) or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    out = [subject, "", "From: %s" % who, "Date: %s" % lkml_date(d, dst_label), "", ""]
    if mask:
        text = mask_emails(text)
    body = text[:-1] if text.endswith("\n") else text
    out += [collapse(line) for line in body.split("\n")]
    return "\n".join(out).rstrip("\n")  # like the user example: no final newline


_DIFF_START = re.compile(r"^(diff --git |--- a/)")


def ws_damage_line(line):
    line = line.expandtabs(8).rstrip()
    if line.startswith(" "):
        line = line[1:]
    return line


def wrap_once(line, width=78):
    if len(line) <= width:
        return [line]
    pos = line.rfind(" ", 0, width)
    if pos <= 0 or not line[:pos].strip():
        return [line]
    return [line[:pos].rstrip(), line[pos + 1:]]


def render_ws(head, text):
    fields = parse_fields(head)
    keep = [(n, v) for n, v in fields
            if n.lower() not in ("content-type", "content-transfer-encoding")]
    hdr = "".join("%s:%s\n" % (n, v) for n, v in keep)
    hdr += "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
    lines = text.split("\n")
    out, in_diff = [], False
    for idx, line in enumerate(lines):
        if not in_diff and _DIFF_START.match(line):
            in_diff = True
        if in_diff and not (idx == len(lines) - 1 and line == ""):
            out += wrap_once(ws_damage_line(line))
        else:
            out.append(line)
    return hdr + "\n" + "\n".join(out)


_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")


def render_flattened(env, quoted_lines, raw, fields, text):
    if transfer_encoded(fields):
        head, _ = split_head(raw)
        page = env.decode("utf-8", "replace") + head.decode("utf-8", "replace") + "\n" + text
    else:
        # as the raw mbox is served: mboxrd quoting kept, charset decoded
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        page = env.decode("utf-8", "replace") + _decode_bytes(
            b"".join(quoted_lines), msg.get_content_charset())
    page = _TAG.sub("", page)
    return " ".join(page.split())


# ---------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mbox")
    ap.add_argument("outdir")
    ap.add_argument("--limit", type=int, default=None, help="only the first N messages")
    ap.add_argument("--lkml-edt", action="store_true",
                    help="label summer times EDT on lkml-page (lkml.iu.edu itself prints EST all year)")
    ap.add_argument("--lkml-mask-emails", action="store_true",
                    help="hide address domains on lkml-page as lkml.iu.edu does (user@xxxxxxx)")
    args = ap.parse_args(argv)

    with open(args.mbox, "rb") as f:
        data = f.read()
    for form in FORMS:
        os.makedirs(os.path.join(args.outdir, form), exist_ok=True)
    index = ["i\tmessage_id\thas_diff\tsubject"]
    n = 0
    for i, (env, quoted, raw) in enumerate(split_mboxrd(data)):
        if args.limit is not None and i >= args.limit:
            break
        head, _ = split_head(raw)
        fields = parse_fields(head)
        text = body_text(raw)
        name = "%05d.txt" % i

        def put(form, content):
            mode = "wb" if isinstance(content, bytes) else "w"
            with open(os.path.join(args.outdir, form, name), mode,
                      **({} if mode == "wb" else {"encoding": "utf-8", "newline": "\n"})) as f:
                f.write(content)

        put("mail", raw)
        put("lore-page", render_lore(fields, text))
        put("lkml-page", render_lkml(fields, text, args.lkml_edt, args.lkml_mask_emails))
        put("ws-damaged", render_ws(head, text))
        put("flattened", render_flattened(env, quoted, raw, fields, text))
        mid = unfold(first(fields, "Message-ID") or "")
        subj = re.sub(r"\s+", " ", decode_words(first(fields, "Subject") or ""))
        index.append("%d\t%s\t%s\t%s" % (i, mid, "yes" if has_diff(text) else "no", subj))
        n += 1
    with open(os.path.join(args.outdir, "index.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(index) + "\n")
    print("rendered %d messages x %d forms into %s" % (n, len(FORMS), args.outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
