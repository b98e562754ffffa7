#!/usr/bin/env python3
# bench-performance.py: start-up, memory, idle cost, request overhead and
# time to the browser, each beside a reference measured in the same run
#
# SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Not a test: build-aux/bench-performance runs it inside Xvfb and a private
# D-Bus session, after building everything it needs. Every figure of the
# application is measured alternately with its reference, so that a busy
# machine slows both alike, and the figures are medians. Nothing here
# fails because a machine is slow: it prints figures and ratios.

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile


def parse_figures(line):
    return {key: float(value)
            for key, value in re.findall(r'(\w+)=([-\d.]+)', line)}


def run_figures(command, env, timeout):
    """Runs command and returns the figures of its last line."""
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True,
                            timeout=timeout, check=False)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        sys.exit('bench-performance: %s failed (exit status %d)'
                 % (' '.join(command), result.returncode))
    return parse_figures(lines[-1])


def hermetic_env(home, schema_dir):
    env = dict(os.environ)
    for name, sub in (('XDG_DATA_HOME', 'data'), ('XDG_CONFIG_HOME', 'config'),
                      ('XDG_CACHE_HOME', 'cache'), ('XDG_STATE_HOME', 'state')):
        env[name] = os.path.join(home, sub)
    env.update({
        'HOME': home,
        'GSETTINGS_BACKEND': 'memory',
        'GSETTINGS_SCHEMA_DIR': schema_dir,
        # The same for all three programs: no accessibility bus, no GL
        # (which Xvfb only emulates), no GVfs.
        'NO_AT_BRIDGE': '1',
        'GTK_A11Y': 'none',
        'GSK_RENDERER': os.environ.get('GSK_RENDERER', 'cairo'),
        'GIO_USE_VFS': 'local',
        'LC_ALL': 'C.UTF-8',
        'LANGUAGE': '',
    })
    for name in ('G_MESSAGES_DEBUG', 'G_DEBUG', 'GTK_DEBUG',
                 'VISION_LIVE_API_KEY', 'VISION_LIVE_API_SECRET'):
        env.pop(name, None)
    return env


def machine():
    model = platform.processor() or 'unknown CPU'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as cpuinfo:
            for line in cpuinfo:
                if line.startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = '%.1f' % os.getloadavg()[0]
    except OSError:
        load = '?'
    return '%s, %d cores, %s %s, load %s at the start' % (
        model, os.cpu_count() or 0, platform.system(), platform.release(),
        load)


def ratio(value, reference):
    return '%.2fx' % (value / reference) if reference else 'n/a'


def measure_start_up(programs, watch, env, runs):
    """Alternates the programs run by run; returns their figures."""
    figures = {name: [] for name, _ in programs}
    # One run each first, unmeasured: the session bus services, the font
    # and icon caches are then warm for all of them alike.
    for name, command in programs:
        run_figures([watch, '--'] + command, env, 60)
    for i in range(runs):
        # A different program goes first each time.
        order = programs[i % len(programs):] + programs[:i % len(programs)]
        for name, command in order:
            figures[name].append(run_figures([watch, '--'] + command, env,
                                             60))
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--builddir', required=True)
    parser.add_argument('--floor', required=True)
    parser.add_argument('--runs', type=int, default=9)
    parser.add_argument('--idle', type=int, default=30)
    parser.add_argument('--requests', type=int, default=500)
    parser.add_argument('--clicks', type=int, default=20)
    args = parser.parse_args()

    build = os.path.abspath(args.builddir)
    bench = os.path.join(build, 'tests', 'bench')
    watch = os.path.join(bench, 'watch-window')
    home = tempfile.mkdtemp(prefix='bench-home-', dir=build)
    env = hermetic_env(home, os.path.join(build, 'data'))

    print('Machine: %s' % machine(), flush=True)

    programs = [('app', [os.path.join(build, 'src', 'vision-live'),
                         '--demo']),
                ('floor', [os.path.abspath(args.floor)])]
    calculator = shutil.which('gnome-calculator')
    if calculator:
        programs.append(('gnome-calculator', [calculator]))
    else:
        print('gnome-calculator is not installed: measured without it')

    print('Start-up and memory: %d runs each, alternating...' % args.runs,
          flush=True)
    start = measure_start_up(programs, watch, env, args.runs)

    print('Idle: %d s each, one program after the other...' % args.idle,
          flush=True)
    idle = {}
    for name, command in programs:
        idle[name] = run_figures([watch, '--idle', str(args.idle), '--']
                                 + command, env, args.idle + 60)

    print('Requests: %d in sequence, 5 rounds alternating with bare '
          'libsoup and curl...'
          % args.requests, flush=True)
    requests = run_figures([os.path.join(bench, 'bench-requests'),
                            '--requests', str(args.requests)], env, 600)

    print('Time to the browser: %d clicks, alternating with bare HTTP...'
          % args.clicks, flush=True)
    browser = run_figures([os.path.join(bench, 'bench-browser'),
                           '--runs', str(args.clicks)], env, 300)

    shutil.rmtree(home, ignore_errors=True)

    med = {name: {key: statistics.median(run[key] for run in runs)
                  for key in ('shown_ms', 'rss_kb')}
           for name, runs in start.items()}
    floor = med['floor']
    calc = med.get('gnome-calculator')

    print()
    print('| measure | app | reference | ratio | target |')
    print('| --- | --- | --- | --- | --- |')
    print('| start-up to window shown, median of %d | %.0f ms | floor '
          '%.0f ms | %s | <= 1.15x |'
          % (args.runs, med['app']['shown_ms'], floor['shown_ms'],
             ratio(med['app']['shown_ms'], floor['shown_ms'])))
    if calc:
        print('| start-up to window shown, median of %d | %.0f ms | '
              'gnome-calculator %.0f ms | %s | < 1x |'
              % (args.runs, med['app']['shown_ms'], calc['shown_ms'],
                 ratio(med['app']['shown_ms'], calc['shown_ms'])))
    print('| RSS 1 s after shown | %.1f MB | floor %.1f MB | +%.1f MB | '
          '<= +15 MB |'
          % (med['app']['rss_kb'] / 1024, floor['rss_kb'] / 1024,
             (med['app']['rss_kb'] - floor['rss_kb']) / 1024))
    if calc:
        print('| RSS 1 s after shown | %.1f MB | gnome-calculator %.1f MB '
              '| %+.1f MB | |'
              % (med['app']['rss_kb'] / 1024, calc['rss_kb'] / 1024,
                 (med['app']['rss_kb'] - calc['rss_kb']) / 1024))
    for prefix, span in (('idle', 'idle, 1 s to %d s after shown'
                          % (args.idle + 1)),
                         ('late', 'idle, 11 s to %d s after shown'
                          % (args.idle + 1))):
        references = ', '.join('%s %d, %d ms' % (name,
                                                 idle[name][prefix + '_wakeups'],
                                                 idle[name][prefix + '_cpu_ms'])
                               for name in idle if name != 'app')
        print('| %s: wake-ups, CPU time | %d, %d ms | %s | | %s |'
              % (span, idle['app'][prefix + '_wakeups'],
                 idle['app'][prefix + '_cpu_ms'], references,
                 'none of its own' if prefix == 'late' else ''))
    print('| %d prepareVisionLiveCall in sequence, median of 5 | %.0f ms '
          '| curl %.0f ms | %s | <= 1.1x |'
          % (args.requests, requests['client_ms'], requests['curl_ms'],
             ratio(requests['client_ms'], requests['curl_ms'])))
    print('| %d prepareVisionLiveCall in sequence, median of 5 | %.0f ms '
          '| bare libsoup %.0f ms | %s | |'
          % (args.requests, requests['client_ms'], requests['soup_ms'],
             ratio(requests['client_ms'], requests['soup_ms'])))
    print('| bare libsoup beside curl | %.0f ms | curl %.0f ms | %s | |'
          % (requests['soup_ms'], requests['curl_ms'],
             ratio(requests['soup_ms'], requests['curl_ms'])))
    print('| CPU time per request | %.0f us | bare libsoup %.0f us, '
          'curl %.0f us | %s, %s | |'
          % (requests['client_cpu_us'], requests['soup_cpu_us'],
             requests['curl_cpu_us'],
             ratio(requests['client_cpu_us'], requests['soup_cpu_us']),
             ratio(requests['client_cpu_us'], requests['curl_cpu_us'])))
    print('| click on Start Call to URI hand-off, median of %d | %.1f ms '
          '| bare HTTP round trip %.1f ms | %s | |'
          % (args.clicks, browser['click_ms'], browser['http_ms'],
             ratio(browser['click_ms'], browser['http_ms'])))

    print()
    print('Start-up runs (ms), in the order measured:')
    for name, runs in start.items():
        print('  %-16s %s' % (name, ' '.join('%.0f' % run['shown_ms']
                                             for run in runs)))


if __name__ == '__main__':
    main()
