"""What a py-spy profile says, in a few lines: the functions with the most samples, on their own and with what they
call. Made for the profiles behind BENCHMARKS.md (bench/results/profiles/).

    .venv/bin/py-spy record --pid <app pid> --format raw -o app.prof -d 30     # while a benchmark runs
    .venv/bin/python bench/profile_top.py app.prof [--top 25] [--under main]   # > bench/results/profiles/x.txt

The raw format is one line per distinct stack, "frame;frame;...;frame count", outermost first. Inclusive counts a
stack once per function in it (recursion counted once); --under keeps only the stacks through a frame whose text
contains the given words (e.g. the event loop's thread, not the executor's).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

LOCATION = re.compile(r" \((?:.*/site-packages/|.*/python3\.\d+/|.*/(?=[^/]+/[^/]+\.py))?(.*?)\)$")
IDLE = ("select (selectors.py", "epoll", "_run_once (asyncio/base_events.py")  # the loop waiting: not work
FRAMING = ("(asyncio/", "(main.py)", "run_app (", "(threading.py)", "(futures/thread.py)")  # under every stack


def short(frame: str) -> str:
    """`handle (aiogram/dispatcher/dispatcher.py:123)` without the line number and the site-packages path."""
    return LOCATION.sub(lambda m: " (" + m.group(1).rsplit(":", 1)[0] + ")", frame)


def summary(path: Path, top: int, under: str | None) -> str:
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = idle = 0
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit() or (under and under not in stack):
            continue
        frames = [short(frame) for frame in stack.split(";")]
        samples = int(count)
        total += samples
        if any(word in frames[-1] for word in IDLE):
            idle += samples
            continue
        own[frames[-1]] += samples
        for frame in set(frames):
            if not any(word in frame for word in FRAMING):
                inclusive[frame] += samples
    if not total:
        return f"{path.name}: no samples" + (f" under {under!r}" if under else "")
    lines = [f"{path.name}: {total} samples" + (f" under {under!r}" if under else "")]
    lines.append(f"idle (the event loop waiting): {idle} ({100 * idle / total:.1f}%)")
    for title, counts in (("own time", own), ("with what it calls", inclusive)):
        lines += ["", f"top {top}, {title}:"]
        lines += [f"{100 * n / total:6.1f}%  {frame}" for frame, n in counts.most_common(top)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", type=Path, help="py-spy's --format raw output")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--under", help="only the stacks through a frame containing this text")
    args = parser.parse_args()
    print(summary(args.profile, args.top, args.under))


if __name__ == "__main__":
    main()
