#!/usr/bin/env python3
"""Runs a program in a pseudo-terminal (argv, no shell) and reports, as JSON:
the time until the screen shows every --until text, and the program's CPU use and peak RSS while it runs
for --hold seconds after a --warmup. Used by `npm run bench`."""
import argparse, fcntl, json, os, pty, select, signal, struct, termios, time

parser = argparse.ArgumentParser()
parser.add_argument('--cols', type=int, default=120)
parser.add_argument('--rows', type=int, default=40)
parser.add_argument('--until', action='append', default=[])
parser.add_argument('--warmup', type=float, default=0)
parser.add_argument('--hold', type=float, default=0)
parser.add_argument('--timeout', type=float, default=20)
parser.add_argument('argv', nargs=argparse.REMAINDER)
args = parser.parse_args()
argv = args.argv[1:] if args.argv and args.argv[0] == '--' else args.argv

def cpu_seconds(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    ticks = os.sysconf('SC_CLK_TCK')
    return (int(fields[11]) + int(fields[12])) / ticks

def rss_kb(pid):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    return 0

start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', args.rows, args.cols, 0, 0))
seen = b''
first = None
out = 0
deadline = start + args.timeout
hold_end = None
cpu_start = None
peak = 0
while time.monotonic() < deadline:
    r, _, _ = select.select([fd], [], [], 0.05)
    if r:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        out += len(chunk)
        if first is None:
            seen += chunk
            if all(u.encode() in seen for u in args.until):
                first = (time.monotonic() - start) * 1000
                seen = b''
                if args.hold <= 0:
                    break
                hold_start = time.monotonic() + args.warmup
                hold_end = hold_start + args.hold
                deadline = hold_end + 5
    now = time.monotonic()
    if first is not None and hold_end is not None:
        peak = max(peak, rss_kb(pid)) if now - start > 0 else peak
        if cpu_start is None and now >= hold_end - args.hold:
            cpu_start = (now, cpu_seconds(pid), out)
        if now >= hold_end:
            break
result = {'firstFrameMs': first}
if cpu_start is not None:
    now = time.monotonic()
    result['cpuPercent'] = 100 * (cpu_seconds(pid) - cpu_start[1]) / (now - cpu_start[0])
    result['holdSeconds'] = now - cpu_start[0]
    result['bytesDuringHold'] = out - cpu_start[2]
    result['peakRssKb'] = peak
os.kill(pid, signal.SIGTERM)
try:
    os.waitpid(pid, 0)
except ChildProcessError:
    pass
print(json.dumps(result))
