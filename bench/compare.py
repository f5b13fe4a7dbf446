#!/usr/bin/env python3
"""Whole-build benchmark: annalist against Zola and Hugo (where installed) and two floors.

Generates the same synthetic corpus for each tool (bench/corpus.rs), builds each several times,
alternating tools so machine noise spreads evenly, and prints median wall time, pages per second
and peak RSS, with ratios to annalist. The floor (bench/floor.rs) reads every Markdown file,
renders its body and writes it, nothing else; "rewrite" (bench/rewrite.rs), run right after
annalist, copies annalist's output of that run (still in the page cache) into an empty folder,
nothing else: about what writing those files costs by itself, reading them back included.
Run from the repository root:

    python3 bench/compare.py --entities 1000 --years 10 --runs 3 [--zola PATH] [--hugo PATH] [--rebuild]

By default every run starts with no output folder, so every tool writes every file. The previous
run's output is moved aside, not deleted, and everything moved aside is deleted after the last
run (so the work folder needs room for every run's output: a few GB at 10,000 reports): on ext4,
creating files just after tens of thousands were deleted costs several times the kernel time
(the inode allocator skips recently freed inodes one by one), which would measure the harness's
own deletion rather than the tool. For the same reason a run first waits until six minutes have
passed since the previous run of this script, on the same filesystem, deleted its outputs: ext4
without a journal skips inodes freed within the last minute, or six while their inode table
block is unwritten, and on the 2-core machine the first build two minutes after a deletion still
took four times the kernel time (a sync did not help). Deleting outputs by hand just before a
run skews it the same way.
With --rebuild each run builds over the previous run's output, as a user rebuilding does: Zola
(--force) empties it first, Hugo overwrites it, annalist writes only the files whose bytes
changed.

Zola is found on PATH or given with --zola; it is never built or fetched by this script.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, cwd):
    """Runs cmd; returns (wall seconds, peak RSS in MB). Exits on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{err}")
    return wall, usage.ru_maxrss / 1024


def count_pages(folder):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".html"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=1000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--zola", default=shutil.which("zola"))
    ap.add_argument("--hugo", default=shutil.which("hugo"))
    ap.add_argument("--work", help="folder for the corpora (default: a temporary folder)")
    ap.add_argument("--rebuild", action="store_true", help="build over the previous output instead of none")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "annalist",
                    "--example", "gen_corpus", "--example", "floor", "--example", "rewrite"], check=True)
    target = os.path.abspath("target/release")
    annalist = os.path.join(target, "annalist")
    work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="annalist-bench-"))
    tag = f"{args.entities}x{args.years}-s{args.seed}"

    tools = {"annalist": ([annalist, "build", "--output", "output"], "output")}
    if args.zola:
        tools["zola"] = ([args.zola, "build", "--output-dir", "public", "--force"], "public")
    if args.hugo:
        tools["hugo"] = ([args.hugo, "--quiet", "--destination", "public"], "public")
    floor_out = os.path.join(work, f"floor-out-{tag}")
    sites = {}
    for flavour in tools:
        site = os.path.join(work, f"{flavour}-{tag}")
        if not os.path.isdir(site):
            subprocess.run([os.path.join(target, "examples", "gen_corpus"), "--entities", str(args.entities),
                            "--years", str(args.years), "--seed", str(args.seed), "--flavour", flavour, site],
                           check=True, stdout=subprocess.DEVNULL)
        sites[flavour] = site
    rewrite_out = os.path.join(work, f"rewrite-out-{tag}")
    floors = {
        "floor": ([os.path.join(target, "examples", "floor"), sites["annalist"], floor_out], floor_out),
        "rewrite": ([os.path.join(target, "examples", "rewrite"), os.path.join(sites["annalist"], "output"),
                     rewrite_out], rewrite_out),
    }

    def output_of(name):
        return floors[name][1] if name in floors else os.path.join(sites[name], tools[name][1])

    cleaned = os.path.join(tempfile.gettempdir(), f"annalist-bench-cleanup-{os.stat(work).st_dev}")
    if os.path.exists(cleaned):
        wait = 6 * 60 - (time.time() - os.path.getmtime(cleaned))
        if wait > 0:
            print(f"waiting {wait:.0f} s: the previous run deleted its outputs just now", file=sys.stderr)
            time.sleep(wait)

    set_aside = os.path.join(work, f"set-aside-{os.getpid()}")
    os.makedirs(set_aside)

    def move_aside(folder, label):
        if os.path.exists(folder):
            os.rename(folder, os.path.join(set_aside, label))

    results = {name: [] for name in list(tools) + list(floors)}
    # "rewrite" runs right after annalist, whose output of the same run it copies.
    order = ["annalist", "rewrite"] + [name for name in tools if name != "annalist"] + ["floor"]
    for i in range(args.runs + (1 if args.rebuild else 0)):
        for name in order:
            cmd = floors[name][0] if name in floors else tools[name][0]
            cwd = sites.get(name, work)
            if name in floors or not args.rebuild:
                move_aside(output_of(name), f"{name}-{i}")
            subprocess.run(["sync"], check=True)
            measured = run(cmd, cwd)
            if not (args.rebuild and i == 0):  # a rebuild's first run only makes the previous output
                results[name].append(measured)

    shutil.rmtree(set_aside, ignore_errors=True)  # an interrupted run leaves its folder behind
    pathlib.Path(cleaned).touch()

    reports = args.entities * args.years
    mode = "over the previous output" if args.rebuild else "into no previous output"
    print(f"\n{reports} reports ({args.entities} organisations x {args.years} years), {mode}, "
          f"{args.runs} runs each, median wall time; corpora in {work}\n")
    print(f"{'tool':<10}{'wall s':>9}{'pages':>8}{'pages/s':>10}{'peak MB':>10}{'time ratio':>12}{'mem ratio':>11}"
          f"  every run (s)")
    base = statistics.median(w for w, _ in results["annalist"])
    base_mem = max(m for _, m in results["annalist"])
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        mem = max(m for _, m in runs)
        pages = count_pages(output_of(name))
        print(f"{name:<10}{wall:>9.2f}{pages:>8}{pages / wall:>10.0f}{mem:>10.0f}"
              f"{wall / base:>12.2f}{mem / base_mem:>11.2f}  {' '.join(f'{w:.2f}' for w, _ in runs)}")
    print("\nratios are tool / annalist: above 1 means slower or bigger than annalist; rewrite is "
          "annalist's output of the same run copied into an empty folder, nothing else")


if __name__ == "__main__":
    main()
