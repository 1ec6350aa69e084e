#!/bin/sh
# Runs its arguments as the program of a test terminal, then reports how it left the terminal:
# the exit code, and `stty -a` (echo and canonical mode must be back on).
"$@"
echo "[exited $?]"
stty -a | tr '\n' ' '
echo
exec sleep 600
