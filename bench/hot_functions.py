#!/usr/bin/env python3
"""Writes the link order of the release binary's functions (build/hot-functions.txt).

Usage: hot_functions.py BINARY CALLGRIND_OUT... > build/hot-functions.txt

Each CALLGRIND_OUT is a `valgrind --tool=callgrind --dump-instr=yes --compress-pos=no` run of
BINARY on one workload. The functions those runs executed are listed in the order of the
workloads that first use them (the order of the arguments), hottest first; `build.rs` hands the
list to the linker, which lays them out in that order at the start of the code. A run then maps the few hundred pages that hold
what it executes instead of pages scattered over the whole binary.
"""

import bisect
import collections
import re
import subprocess
import sys


def text_symbols(binary):
    """(start, size, mangled name) of the binary's functions, by address."""
    out = subprocess.run(
        ["nm", "-S", "--defined-only", binary], capture_output=True, text=True, check=True
    ).stdout
    syms = []
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in "tTwW":
            syms.append((int(f[0], 16), max(int(f[1], 16), 1), f[3]))
    syms.sort()
    return syms


def executed(callgrind_out, binary, syms, starts):
    """Instructions executed per function of `binary` in one callgrind output (a call counts
    as executed in its caller, its cost in the callee)."""
    cost = collections.Counter()
    objects = {}
    current = None
    call = False
    base = binary.rsplit("/", 1)[-1]
    with open(callgrind_out) as f:
        for line in f:
            after_call, call = call, line.startswith("calls=")
            if line.startswith("ob="):
                m = re.match(r"ob=\((\d+)\)(?: (.*))?", line.strip())
                if m and m.group(2):
                    objects[m.group(1)] = m.group(2)
                current = objects.get(m.group(1)) if m else None
            elif line.startswith("0x") and current and current.endswith(base):
                f = line.split()
                addr = int(f[0], 16)
                i = bisect.bisect_right(starts, addr) - 1
                if i >= 0 and addr < syms[i][0] + syms[i][1]:
                    own = 0 if after_call else int(f[2]) if len(f) > 2 else 1
                    cost[syms[i][2]] += own
    return cost


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, runs = sys.argv[1], sys.argv[2:]
    syms = text_symbols(binary)
    starts = [s[0] for s in syms]
    used_by = collections.defaultdict(list)
    total = collections.Counter()
    for i, run in enumerate(runs):
        cost = executed(run, binary, syms, starts)
        for name in cost:
            used_by[name].append(i)
        total.update(cost)
    size = {name: s for _, s, name in syms}
    # The first workload's functions first, then those the second adds, and so on, each group
    # hottest first: every workload's code is a few stretches of the binary, and the first
    # one's is one stretch.
    order = sorted(total, key=lambda n: (used_by[n][0], -total[n], n))
    print(
        f"{len(order)} functions, {sum(size[n] for n in order)} bytes of code",
        file=sys.stderr,
    )
    for name in order:
        print(name)


if __name__ == "__main__":
    main()
