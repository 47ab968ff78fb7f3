#!/usr/bin/env python3
"""Measure how well patchtriage recovers damaged mails against the clean parse.

    measure_recovery.py --bin BIN --forms-dir OUTDIR [--repo DIR --branch B ...]
                        [--labels-dir DIR] [--min FORM.METRIC=PCT ...] [--json OUT]

Runs `BIN inspect OUTDIR/<form>/` once per form rendered by render_forms.py and
compares each message's object with the object of the `mail` form (the
undamaged mail).  Exit: 0 all floors met, 1 a floor missed / a wrong diff
claimed exact / BIN failed / bad JSON, 2 usage, 77 --repo given but absent
(ctest SKIP_RETURN_CODE).
"""

import argparse
import json
import os
import subprocess
import sys

FORMS = ("mail", "lore-page", "lkml-page", "ws-damaged", "flattened")
# forms that keep addresses: the author's email is compared too
EMAIL_FORMS = ("mail", "lore-page", "ws-damaged")
METRICS = ("title", "author_name", "author_email", "upstream", "trailers",
           "diff_counts", "diff_exact", "diff_exact_fixture")
EXIT_SKIP = 77


def norm_file_index(path):
    base = os.path.basename(path)
    stem = base.split(".", 1)[0]
    return int(stem) if stem.isdigit() else None


def run_inspect(bin_path, form_dir, repo_args, timeout):
    """(objects by index, errors list)."""
    cmd = [bin_path, "inspect"] + repo_args + [form_dir.rstrip("/") + "/"]
    errors = []
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {}, ["timed out after %ss: %s" % (timeout, " ".join(cmd))]
    except OSError as e:
        return {}, ["cannot run %s: %s" % (bin_path, e)]
    if p.returncode != 0:
        tail = p.stderr.decode("utf-8", "replace").strip().splitlines()[-15:]
        how = ("killed by signal %d" % -p.returncode) if p.returncode < 0 else \
            ("exit %d" % p.returncode)
        errors.append("%s (%s)\n    stderr tail:\n      %s"
                      % (" ".join(cmd), how, "\n      ".join(tail) or "(empty)"))
    by_index = {}
    for ln, line in enumerate(p.stdout.decode("utf-8", "replace").split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            errors.append("stdout line %d is not JSON (%s): %.120s" % (ln, e, line))
            continue
        src = obj.get("source") if isinstance(obj, dict) else None
        idx = norm_file_index(src.get("file", "")) if isinstance(src, dict) else None
        if idx is None:
            errors.append("stdout line %d: no usable source.file: %.120s" % (ln, line))
            continue
        by_index.setdefault(idx, []).append(obj)
    chosen = {}
    for idx, objs in by_index.items():
        patches = [o for o in objs if o.get("is_patch")]
        chosen[idx] = patches[0] if patches else objs[0]
    return chosen, errors


def load_labels(labels_dir):
    """message_id -> True when forward or reverse check is ok on any tree."""
    ok = {}
    if not labels_dir or not os.path.isdir(labels_dir):
        return None
    files = sorted(f for f in os.listdir(labels_dir)
                   if f.startswith("usb-stable-subset-vs-") and f.endswith(".tsv"))
    if not files:
        return None
    for fname in files:
        with open(os.path.join(labels_dir, fname), encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            col = {k: i for i, k in enumerate(header)}
            for line in f:
                row = line.rstrip("\n").split("\t")
                if len(row) < len(header):
                    continue
                mid = row[col["message_id"]]
                good = row[col["forward_check"]] == "ok" or row[col["reverse_check"]] == "ok"
                ok[mid] = ok.get(mid, False) or good
    return ok


def load_index(forms_dir):
    path = os.path.join(forms_dir, "index.tsv")
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            next(f, None)
            for line in f:
                row = line.rstrip("\n").split("\t")
                if len(row) >= 2 and row[0].isdigit():
                    out[int(row[0])] = row[1]
    return out


def author(o, key):
    a = o.get("author") or {}
    return a.get(key) if isinstance(a, dict) else None


def trailer_view(o, ref, names_only):
    """[(key lowercased, name)], name dropped where the clean one has none
    (for flattened: only keys and the names the clean trailer has)."""
    got = o.get("trailers") or []
    want = ref.get("trailers") or []
    view = []
    for k, t in enumerate(got):
        name = t.get("name", "")
        if names_only and k < len(want) and not want[k].get("name"):
            name = None
        view.append(((t.get("key") or "").lower(), name))
    return view


def clean_trailer_view(ref, names_only):
    return [((t.get("key") or "").lower(),
             None if names_only and not t.get("name") else t.get("name", ""))
            for t in ref.get("trailers") or []]


def first_diff_line(a, b):
    la, lb = (a or "").split("\n"), (b or "").split("\n")
    for n in range(max(len(la), len(lb))):
        x = la[n] if n < len(la) else "<end>"
        y = lb[n] if n < len(lb) else "<end>"
        if x != y:
            return "line %d: clean %r | got %r" % (n + 1, x[:70], y[:70])
    return "equal"


def compare(form, clean, objs, fixture_ids, index_ids):
    """metric -> {'matched', 'total', 'misses': [(i, clean_val, got_val)]}."""
    res = {m: {"matched": 0, "total": 0, "misses": []} for m in METRICS}
    extra = {"missing_objects": [], "recovered_key_missing": 0, "recovered_non_null": 0,
             "claimed_diff_exact": 0, "claimed_preimage_exact": 0,
             "false_exact": [], "bad_recovered": []}

    def count(metric, i, ok, cval, gval):
        r = res[metric]
        r["total"] += 1
        if ok:
            r["matched"] += 1
        else:
            r["misses"].append((i, cval, gval))

    names_only = form == "flattened"
    for i in sorted(clean):
        c = clean[i]
        o = objs.get(i)
        if o is None:
            extra["missing_objects"].append(i)
            o = {}
        count("title", i, o.get("title") == c.get("title"), c.get("title"), o.get("title"))
        count("author_name", i, author(o, "name") == author(c, "name"),
              author(c, "name"), author(o, "name"))
        if form in EMAIL_FORMS:
            count("author_email", i, author(o, "email") == author(c, "email"),
                  author(c, "email"), author(o, "email"))
        count("upstream", i, o.get("upstream") == c.get("upstream"),
              c.get("upstream"), o.get("upstream"))
        tc, tg = clean_trailer_view(c, names_only), trailer_view(o, c, names_only)
        count("trailers", i, tc == tg, tc, tg)

        rec = o.get("recovered", KeyError) if o else KeyError
        claimed_exact = False
        if rec is KeyError:
            extra["recovered_key_missing"] += 1
        elif rec is not None:
            if not isinstance(rec, dict) or not all(
                    k in rec for k in ("form", "repairs", "confidence", "diff_exact",
                                       "preimage_exact")):
                extra["bad_recovered"].append(i)
            if isinstance(rec, dict):
                extra["recovered_non_null"] += 1
                claimed_exact = rec.get("diff_exact") is True
                extra["claimed_diff_exact"] += claimed_exact
                extra["claimed_preimage_exact"] += rec.get("preimage_exact") is True
        if claimed_exact and o.get("diff") != c.get("diff"):
            extra["false_exact"].append((i, "diff_exact claimed", first_diff_line(c.get("diff"), o.get("diff"))))

        if not c.get("is_patch"):
            continue
        counts_c = (c.get("insertions"), c.get("deletions"))
        counts_o = (o.get("insertions"), o.get("deletions"))
        count("diff_counts", i, counts_c == counts_o, counts_c, counts_o)
        exact = o.get("diff") == c.get("diff")
        why = "equal" if exact else first_diff_line(c.get("diff"), o.get("diff"))
        count("diff_exact", i, exact, "", why)
        mid = index_ids.get(i) or c.get("message_id")
        if fixture_ids is not None and fixture_ids.get(mid):
            count("diff_exact_fixture", i, exact, "", why)
    return res, extra


def pct(r):
    return None if r["total"] == 0 else 100.0 * r["matched"] / r["total"]


def cell(r):
    if r is None:
        return "-"
    p = pct(r)
    return "%d/%d (%s)" % (r["matched"], r["total"], "n/a" if p is None else "%.1f%%" % p)


def fmt_val(v):
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 110 else s[:107] + "..."


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="the patchtriage binary")
    ap.add_argument("--forms-dir", required=True, help="OUTDIR of render_forms.py")
    ap.add_argument("--repo", help="kernel repository (-C); exit 77 when it does not exist")
    ap.add_argument("--branch", action="append", default=[], help="target branch (-b), repeatable")
    default_labels = os.path.normpath(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "corpus",
        "apply-survey"))
    ap.add_argument("--labels-dir", default=default_labels,
                    help="apply-survey labels (default: %(default)s)")
    ap.add_argument("--forms", help="comma-separated forms to measure (default: all rendered)")
    ap.add_argument("--min", action="append", default=[], metavar="FORM.METRIC=PCT",
                    help="floor, e.g. lore-page.diff_exact_fixture=95 or all.title=100")
    ap.add_argument("--json", help="write the numbers here")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per BIN run")
    args = ap.parse_args(argv)

    # floors
    floors = []
    for spec in args.min:
        try:
            key, val = spec.split("=", 1)
            form, metric = key.rsplit(".", 1)
            floors.append((form, metric, float(val)))
        except ValueError:
            ap.error("bad --min %r (want FORM.METRIC=PCT)" % spec)
        if metric not in METRICS:
            ap.error("--min %r: unknown metric %r (one of %s)" % (spec, metric, ", ".join(METRICS)))
        if form != "all" and form not in FORMS:
            ap.error("--min %r: unknown form %r" % (spec, form))
        if metric == "author_email" and form not in EMAIL_FORMS + ("all",):
            ap.error("--min %r: %s loses addresses; author_email is not measured" % (spec, form))

    if args.repo and not os.path.isdir(args.repo):
        print("SKIP: repository %s does not exist" % args.repo)
        return EXIT_SKIP
    if not os.path.isdir(args.forms_dir):
        ap.error("no forms dir %s (run render_forms.py first)" % args.forms_dir)
    if args.forms:
        forms = [f.strip() for f in args.forms.split(",") if f.strip()]
        for f in forms:
            if f not in FORMS:
                ap.error("unknown form %r" % f)
    else:
        forms = [f for f in FORMS if os.path.isdir(os.path.join(args.forms_dir, f))]
    if "mail" not in forms:
        forms.insert(0, "mail")
    if not os.path.isdir(os.path.join(args.forms_dir, "mail")):
        ap.error("%s/mail is missing: the clean reference" % args.forms_dir)

    repo_args = []
    if args.repo:
        repo_args += ["-C", args.repo]
        for b in args.branch:
            repo_args += ["-b", b]
    else:
        repo_args.append("--no-repo")

    failures = []
    fixture_ids = load_labels(args.labels_dir)
    if fixture_ids is None:
        print("note: no apply-survey labels in %s; diff_exact_fixture not measured" % args.labels_dir)
    index_ids = load_index(args.forms_dir)

    objects = {}
    for form in forms:
        objs, errs = run_inspect(args.bin, os.path.join(args.forms_dir, form), repo_args,
                                 args.timeout)
        for e in errs:
            failures.append("[%s] %s" % (form, e))
        objects[form] = objs
    clean = objects["mail"]
    if not clean:
        failures.append("[mail] the clean form gave no objects: nothing measured")
    n_files = len([f for f in os.listdir(os.path.join(args.forms_dir, "mail"))
                   if norm_file_index(f) is not None])
    if len(clean) < n_files:
        missing = sorted(set(range(n_files)) - set(clean))
        print("note: %d of %d clean mails gave no object (first: %s); not measured"
              % (len(missing), n_files, ", ".join("%05d" % i for i in missing[:10])))

    results, extras = {}, {}
    for form in forms:
        results[form], extras[form] = compare(form, clean, objects[form], fixture_ids, index_ids)

    # table
    cols = list(METRICS)
    head = ["form"] + cols + ["recovered", "false_exact"]
    rows = []
    for form in forms:
        r, x = results[form], extras[form]
        rec = "%d/%d" % (x["recovered_non_null"], len(clean)) if x["recovered_key_missing"] < len(clean) \
            else "no key"
        rows.append([form] + [cell(r[m]) if r[m]["total"] or m != "author_email" else "-"
                              for m in cols] + [rec, str(len(x["false_exact"]))])
    widths = [max(len(h), *(len(row[k]) for row in rows)) for k, h in enumerate(head)]
    print("  ".join(h.ljust(w) for h, w in zip(head, widths)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))
    print("(diff_* over clean is_patch mails; diff_exact_fixture: those whose apply-survey "
          "label is forward or reverse ok on a tree; recovered: objects with a non-null "
          "'recovered'; false_exact: wrong diff claimed exact, must be 0)")

    # wrong diffs claimed exact: always a failure
    for form in forms:
        x = extras[form]
        if x["false_exact"]:
            lines = ["    %05d %s" % (i, why) for i, _, why in x["false_exact"][:10]]
            failures.append("[%s] %d wrong diffs claimed exact (recovered.diff_exact true):\n%s"
                            % (form, len(x["false_exact"]), "\n".join(lines)))
        if x["bad_recovered"]:
            failures.append("[%s] %d 'recovered' values lack form/repairs/confidence/diff_exact/"
                            "preimage_exact (first: %s)" % (form, len(x["bad_recovered"]),
                                                            ", ".join("%05d" % i for i in x["bad_recovered"][:10])))

    # floors
    for form, metric, floor in floors:
        targets = [f for f in forms if form == "all" or f == form]
        if form != "all" and form not in forms:
            failures.append("floor %s.%s=%g: form not measured" % (form, metric, floor))
            continue
        for f in targets:
            r = results[f][metric]
            if metric == "author_email" and f not in EMAIL_FORMS:
                continue
            p = pct(r)
            if p is None:
                failures.append("floor %s.%s=%g: nothing to measure (0 mails)" % (f, metric, floor))
            elif p + 1e-9 < floor:
                lines = [("    %05d  %s" % (i, gv)) if metric.startswith("diff_exact") else
                         "    %05d  clean: %s\n           got:   %s" % (i, fmt_val(cv), fmt_val(gv))
                         for i, cv, gv in r["misses"][:10]]
                failures.append("floor %s.%s=%g missed: %s\n%s"
                                % (f, metric, floor, cell(r), "\n".join(lines)))

    if args.json:
        out = {"forms_dir": args.forms_dir, "repo": args.repo, "branches": args.branch,
               "clean_objects": len(clean), "forms": {}, "failures": failures}
        for form in forms:
            x = extras[form]
            out["forms"][form] = {
                "metrics": {m: {"matched": r["matched"], "total": r["total"], "pct": pct(r),
                                "misses": [[i, cv, gv] for i, cv, gv in r["misses"]]}
                            for m, r in results[form].items()},
                "missing_objects": len(x["missing_objects"]),
                "recovered_key_missing": x["recovered_key_missing"],
                "recovered_non_null": x["recovered_non_null"],
                "claimed_diff_exact": x["claimed_diff_exact"],
                "claimed_preimage_exact": x["claimed_preimage_exact"],
                "false_exact": len(x["false_exact"]),
                "false_exact_indices": [i for i, _, _ in x["false_exact"]],
            }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
            f.write("\n")

    if failures:
        print("\nFAILED:")
        for f in failures:
            print("  " + f)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
