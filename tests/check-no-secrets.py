#!/usr/bin/env python3
# Runs the test programs with every debug message on, and checks that no
# API secret, token or Basic credential shows up in what they print or in
# any file they write.
#
# SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
# SPDX-License-Identifier: GPL-3.0-or-later

import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile

# What the tests and the demo use as secrets, and the shape of a demo
# token. Keys are not secret and may be shown.
SECRETS = [
    'demo-api-secret',
    'secret-production',
    'secret "with" quotes',
    'scripted-token',
    'marker-secret-from-environment',
    base64.b64encode(b'demo-api-key:demo-api-secret').decode(),
    base64.b64encode(b'key:secret').decode(),
]
TOKEN = re.compile(rb'demo\.[0-9a-f]{32}')


def run(name, argv, home):
    env = dict(os.environ,
               G_MESSAGES_DEBUG='all',
               HOME=home,
               XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_CONFIG_HOME=os.path.join(home, 'config'),
               XDG_CACHE_HOME=os.path.join(home, 'cache'),
               VISION_LIVE_API_KEY='marker-key',
               VISION_LIVE_API_SECRET='marker-secret-from-environment')
    result = subprocess.run(argv, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, timeout=300)
    # Failures are the business of the tests themselves; here only what
    # was printed matters. A program that printed nothing proves nothing.
    if not result.stdout:
        print(f'not ok - {name} printed nothing')
        sys.exit(1)
    return result.stdout


def leaks(data):
    found = [s for s in SECRETS if s.encode() in data]
    found += [m.decode() for m in TOKEN.findall(data)]
    return found


def scan(paths):
    """Checks files, and every file below folders, that already exist."""
    failed = 0
    for path in paths:
        files = [path] if os.path.isfile(path) else [
            os.path.join(root, f)
            for root, _, names in os.walk(path) for f in names]
        for file_path in files:
            with open(file_path, 'rb') as f:
                found = leaks(f.read())
            if found:
                failed += 1
                print(f'{file_path} shows {", ".join(sorted(set(found)))}')
    print(f'no-secrets scan: {"leaks found" if failed else "clean"}')
    sys.exit(1 if failed else 0)


def main():
    if sys.argv[1:2] == ['--scan']:
        scan(sys.argv[2:])
    programs = sys.argv[1:]
    home = tempfile.mkdtemp(prefix='vl-secrets-')
    outputs = {}
    dbus = shutil.which('dbus-run-session')
    binary = next(p for p in programs if os.path.basename(p) == 'vision-live')

    for path in programs:
        name = os.path.basename(path)
        if name == 'vision-live':
            argv = [path, '--environment', 'custom',
                    '--graphql-url', 'http://127.0.0.1:9/graphql',
                    '--token-url', 'http://127.0.0.1:9/token',
                    'get', 'call-1']
            outputs[name + ' custom'] = run(name, argv, home)
            argv = [path, '--demo', 'prepare', '--sms', '2223334444']
            outputs[name + ' demo'] = run(name, argv, home)
        elif name == 'test-credentials':
            outputs[name] = run(name, [dbus, '--', path], home)
        elif name == 'test-preferences':
            outputs[name] = run(name, [dbus, '--', path, binary], home)
        elif name == 'test-cli':
            continue
        else:
            outputs[name] = run(name, [path], home)

    for root, _, files in os.walk(home):
        for file in files:
            file_path = os.path.join(root, file)
            with open(file_path, 'rb') as f:
                outputs['file ' + os.path.relpath(file_path, home)] = f.read()

    # The scan must be able to fail: a token has to have been issued and
    # logged as a request at least once for the run to mean anything.
    together = b''.join(outputs.values())
    if b'POST /token' not in together:
        print('not ok - no token request was logged: nothing was checked')
        sys.exit(1)

    failed = 0
    print(f'1..{len(outputs)}')
    for i, (name, data) in enumerate(sorted(outputs.items()), 1):
        found = leaks(data)
        if found:
            failed += 1
            print(f'not ok {i} - {name} shows {", ".join(sorted(set(found)))}')
        else:
            print(f'ok {i} - {name} ({len(data)} bytes)')

    shutil.rmtree(home, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
