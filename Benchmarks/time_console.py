"""Times the console against `analyze` on the same file: time to the list, and peak memory.

    python3 time_console.py --cli .build/release/beacon-triage --now 2026-11-20T00:00:01Z --runs 3 \\
        --out-dir .bench-data/out .bench-data/events-10m.csv ...

The console needs a terminal, so it runs in a private tmux server (`tmux -L <name>`, never the user's)
in a 120x40 pane, wrapped in `/usr/bin/time -v`, which writes the process's peak resident set size to a
file when it ends. The pane first writes the clock (so tmux's own start-up is not counted), then execs
the console; capture-pane is polled until the list's title (`Beacons N`) is on screen, and the time
to the list is the clock then minus the clock written. The console's peak by then is its VmHWM (/proc), read as the list shows. `analyze` runs on the same
file with the same --now, measured as time_engines.py measures it (wall time around the process, peak
RSS from wait4()). The two alternate (the console first in odd rounds), --runs rounds; the table shows
the medians and the ratios console / analyze, which issue 16 wants at most 1.2 (time) and 1.3 (memory).

Then, in the same console, M switches faithful to corrected, which prepares the query again off the UI
thread: the second table gives the time until the screen says `re-running` (the header and the status
bar; a 120-column header is cut before it), until a key pressed then (?, the help) is on screen and
whether the status bar, which the help leaves in sight, still said `re-running` at that moment, until
the corrected list, and the console's peak over the whole run (from /usr/bin/time).
"""

import argparse
import os
import pathlib
import re
import shlex
import statistics
import subprocess
import sys
import time

from time_engines import measure

LIST_TITLE = re.compile(r"Beacons \d+")
HELP_FOOTER = "any other key closes"
POLL_SECONDS = 0.05
TIMEOUT_SECONDS = 900


def tmux(server, *arguments, capture=False):
    return subprocess.run(["tmux", "-L", server, *arguments], check=True, text=True,
                          capture_output=capture).stdout


def screen(server):
    return tmux(server, "capture-pane", "-p", capture=True)


def wait_for(server, condition, what, deadline):
    """The clock when `condition(screen)` first held, polling capture-pane."""
    while True:
        shown = screen(server)
        seen = time.time()
        if condition(shown):
            return seen
        if seen > deadline:
            raise SystemExit(f"the console did not show {what} within {TIMEOUT_SECONDS} s:\n{shown}")
        time.sleep(POLL_SECONDS)


def peak_so_far_mb(pane_pid):
    """The console's peak resident set so far (VmHWM); the pane runs /usr/bin/time, the console is its child."""
    child = pathlib.Path(f"/proc/{pane_pid}/task/{pane_pid}/children").read_text().split()[0]
    status = pathlib.Path(f"/proc/{child}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def console_run(arguments, data, out_dir, server):
    """One console opened on `data`: seconds to the list, peak RSS MB by then, and for the mode change
    (M) that follows: seconds until `re-running` shows, until a key (?) is answered meanwhile and whether
    it was while the header still said `re-running`, until the new list, and the peak MB of the whole run."""
    started_file = out_dir / "console.started"
    time_file = out_dir / "console.time"
    for stale in (started_file, time_file):
        stale.unlink(missing_ok=True)
    console = [arguments.cli, "console", str(data), "--now", arguments.now,
               "--triage", str(out_dir / "console.triage.toml")]
    command = (f"date +%s.%N > {shlex.quote(str(started_file))}; "
               f"exec env LANG=C.UTF-8 TERM=xterm-256color /usr/bin/time -v -o {shlex.quote(str(time_file))} "
               + shlex.join(console))
    tmux(server, "new-session", "-d", "-x", "120", "-y", "40", command)
    try:
        deadline = time.time() + TIMEOUT_SECONDS
        pane_pid = tmux(server, "display-message", "-p", "#{pane_pid}", capture=True).strip()
        listed = wait_for(server, lambda shown: LIST_TITLE.search(shown), "its list", deadline)
        to_list = listed - float(started_file.read_text())
        peak_at_list = peak_so_far_mb(pane_pid)

        pressed = time.time()
        tmux(server, "send-keys", "M")
        rerunning = wait_for(server, lambda shown: "re-running" in shown, "re-running", deadline)
        asked = time.time()
        tmux(server, "send-keys", "?")
        answered = wait_for(server, lambda shown: HELP_FOOTER in shown, "the help", deadline)
        # The help leaves the status bar in sight, which says `re-running` until the preparation is adopted.
        still_preparing = "re-running" in screen(server)
        tmux(server, "send-keys", "Escape")
        # Adopted, the status bar says `corrected mode: +N new, −M gone`.
        prepared = wait_for(server, lambda shown: "re-running" not in shown and HELP_FOOTER not in shown
                            and "corrected mode:" in shown, "the corrected list", deadline)
        tmux(server, "send-keys", "q")
        while not time_file.exists() or "Maximum resident" not in time_file.read_text():
            if time.time() > deadline:
                raise SystemExit("the console did not quit")
            time.sleep(POLL_SECONDS)
    finally:
        subprocess.run(["tmux", "-L", server, "kill-server"], capture_output=True)
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time_file.read_text()).group(1))
    return {"to_list": to_list, "peak_at_list": peak_at_list, "rerunning": rerunning - pressed,
            "key_answered": answered - asked, "answered_while_preparing": still_preparing,
            "mode_change": prepared - pressed, "peak": peak_kb / 1024}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    parser.add_argument("--cli", required=True, help="the release beacon-triage binary")
    parser.add_argument("--now", required=True, help="now() for both, ISO 8601 UTC")
    parser.add_argument("--runs", type=int, default=3, help="alternating rounds; the table shows medians (3)")
    parser.add_argument("--out-dir", type=pathlib.Path, required=True)
    parser.add_argument("--tmux-server", default=f"beacon-console-bench-{os.getpid()}")
    arguments = parser.parse_args(argv)
    arguments.out_dir.mkdir(parents=True, exist_ok=True)

    opening = ["| data set | run | to the list / wall (s) | peak RSS (MB) |", "|---|---|---:|---:|"]
    changing = ["| data set | `re-running` shown (s) | a key answered (s) | answered while preparing | "
                "new list (s) | peak RSS, whole run (MB) |", "|---|---:|---:|---:|---:|---:|"]
    for data in arguments.files:
        stem = data.name.removesuffix(".csv")
        analyze = [arguments.cli, "analyze", str(data), "--now", arguments.now, "--format", "jsonl"]
        consoles, analyses = [], []
        for round_number in range(arguments.runs):
            for name in (["console", "analyze"] if round_number % 2 == 0 else ["analyze", "console"]):
                progress = f"  {stem} round {round_number + 1}/{arguments.runs} {name}: "
                if name == "console":
                    run = console_run(arguments, data, arguments.out_dir, arguments.tmux_server)
                    consoles.append(run)
                    progress += (f"list after {run['to_list']:.2f} s, peak {run['peak_at_list']:.0f} MB; M: re-running "
                                 f"after {run['rerunning']:.2f} s, ? answered after {run['key_answered']:.2f} s"
                                 f"{' while preparing' if run['answered_while_preparing'] else ''}, new list after "
                                 f"{run['mode_change']:.2f} s, peak {run['peak']:.0f} MB")
                else:
                    wall, _, rss = measure(analyze, arguments.out_dir / f"{stem}.analyze.jsonl")
                    analyses.append((wall, rss))
                    progress += f"{wall:.2f} s, peak RSS {rss:.0f} MB"
                print(progress, file=sys.stderr, flush=True)

        def median(runs, field):
            return statistics.median(run[field] for run in runs)

        console = (median(consoles, "to_list"), median(consoles, "peak_at_list"))
        headless = (median(analyses, 0), median(analyses, 1))
        label = f"{stem} ({data.stat().st_size / 1e9:.2f} GB CSV)"
        opening.append(f"| {label} | console | {console[0]:.2f} | {console[1]:.0f} |")
        opening.append(f"| | analyze | {headless[0]:.2f} | {headless[1]:.0f} |")
        opening.append(f"| | **ratio console / analyze** | **{console[0] / headless[0]:.2f}** | "
                       f"**{console[1] / headless[1]:.2f}** |")
        while_preparing = sum(run["answered_while_preparing"] for run in consoles)
        changing.append(f"| {label} | {median(consoles, 'rerunning'):.2f} | {median(consoles, 'key_answered'):.2f} | "
                        f"{while_preparing} of {len(consoles)} | {median(consoles, 'mode_change'):.2f} | "
                        f"{median(consoles, 'peak'):.0f} |")
    print(f"\nMedians of {arguments.runs} alternating runs each (nproc {os.cpu_count()}, load "
          f"{' '.join(f'{load:.1f}' for load in os.getloadavg())}). The console's time is from its start to its list "
          "on screen and its peak the resident set by then; analyze's are the whole process's.")
    print("\n".join(opening))
    print("\nThen, in the same consoles, M (faithful to corrected) at once: times from the key.")
    print("\n".join(changing))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
