#!/usr/bin/env python3
"""Live-preview latency: from saving a report to the preview serving the page with the new figure.

Starts `annalist serve` on a copy of a site, then repeatedly rewrites one figure of a report
(a different report each time) and polls the report's page until it shows the new value.
Prints p50, p95 and max over the saves. Run from the repository root:

    python3 bench/serve_latency.py --site content-root [--saves 60]
    python3 bench/serve_latency.py --entities 1000 --years 10 [--saves 60]   # a generated site

The time includes the watcher's settle delay (15 ms), the rebuild and one HTTP round trip.
"""
import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def fetch(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    body = conn.getresponse().read().decode("utf-8", "replace")
    conn.close()
    return body


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", help="an existing site folder (copied first; default: generate one)")
    ap.add_argument("--entities", type=int, default=1000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--saves", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "annalist", "--example", "gen_corpus"], check=True)
    exe = os.path.abspath("target/release/annalist")
    work = tempfile.mkdtemp(prefix="annalist-latency-")
    site = os.path.join(work, "site")
    try:
        if args.site:
            shutil.copytree(args.site, site, ignore=shutil.ignore_patterns("output", "target", ".git"))
        else:
            subprocess.run(["target/release/examples/gen_corpus", "--entities", str(args.entities), "--years",
                            str(args.years), "--seed", str(args.seed), "--flavour", "annalist", site],
                           check=True, stdout=subprocess.DEVNULL)
        reports = []
        for entity in sorted(os.listdir(os.path.join(site, "content"))):
            folder = os.path.join(site, "content", entity)
            if os.path.isdir(folder) and entity != "pages":
                reports += [(entity, f[:-3]) for f in sorted(os.listdir(folder)) if re.fullmatch(r"\d{4}\.md", f)]
        started = time.perf_counter()
        proc = subprocess.Popen([exe, "serve", "--root", site, "--port", "0"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        port = None
        for line in proc.stdout:
            m = re.search(r"^serving .* at http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            sys.exit("serve did not start")
        print(f"site: {len(reports)} reports; first build and start: {time.perf_counter() - started:.2f} s")
        rng = random.Random(args.seed)
        samples = []
        for n in range(args.saves):
            entity, year = rng.choice(reports)
            path = os.path.join(site, "content", entity, f"{year}.md")
            text = open(path, encoding="utf-8").read()
            # The first plain integer figure in the front matter gets a value no page shows yet,
            # a little below the old one (so a rate stays within 0-100).
            m = re.search(r"^(  [a-z_]+: )(\d+)$", text, re.M)
            if not m:
                continue
            value = f"{max(int(m.group(2)) - 1, 0)}.{100 + n % 900}"
            new = text[:m.start(2)] + value + text[m.end(2):]
            page = f"/{entity}/{year}/"
            t0 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            while f'<span class="num">{value}</span>' not in fetch(port, page):
                if time.perf_counter() - t0 > 60:
                    sys.exit(f"{page} never showed {value}")
                time.sleep(0.002)
            samples.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.05)
        proc.terminate()
        proc.wait()
        samples.sort()
        p = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
        print(f"save -> updated page served, {len(samples)} saves: "
              f"p50 {statistics.median(samples):.1f} ms, p95 {p(0.95):.1f} ms, max {samples[-1]:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
