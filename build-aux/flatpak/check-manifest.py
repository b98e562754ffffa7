#!/usr/bin/env python3
# Checks the Flatpak manifest without building it (the GNOME runtime cannot
# be downloaded everywhere the tests run): its JSON and layout, the
# permissions, the one module built from this repository, and, when
# flatpak-builder is installed, that flatpak-builder reads it without a
# warning. Prints TAP, one test per requirement.
#
# Usage: check-manifest.py MANIFEST APPLICATION_ID COMMAND PROJECT_NAME
#
# SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

KEY_ORDER = ['id', 'runtime', 'runtime-version', 'sdk', 'command',
             'finish-args', 'cleanup', 'modules']

# Network for the service, IPC and the display; no file system, no session
# or system bus, no D-Bus names: libsecret and links go through portals.
FINISH_ARGS = ['--share=network', '--share=ipc', '--socket=fallback-x11',
               '--socket=wayland', '--device=dri']

CLEANED_UP = ['/include', '/lib/pkgconfig', '*.a']

# Options meson itself knows; any other -D must be one of the project's.
MESON_BUILTINS = {'buildtype', 'optimization', 'debug', 'b_ndebug',
                  'b_lto', 'warning_level', 'werror'}


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, name, passed, detail=''):
        self.count += 1
        if passed:
            print(f'ok {self.count} {name}')
        else:
            self.failed += 1
            print(f'not ok {self.count} {name}')
            for line in str(detail).splitlines():
                print(f'# {line}')

    def skip(self, name, reason):
        self.count += 1
        print(f'ok {self.count} {name} # SKIP {reason}')

    def finish(self):
        print(f'1..{self.count}')
        return 1 if self.failed else 0


def refuse_duplicates(pairs):
    keys = [key for key, _ in pairs]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise ValueError('duplicate keys: ' + ', '.join(sorted(duplicates)))
    return dict(pairs)


def declared_options(source_dir):
    path = os.path.join(source_dir, 'meson_options.txt')
    if not os.path.exists(path):
        return set()
    with open(path, encoding='utf-8') as f:
        return set(re.findall(r"option\(\s*'([^']+)'", f.read()))


def project_name(source_dir):
    path = os.path.join(source_dir, 'meson.build')
    if not os.path.exists(path):
        return None
    with open(path, encoding='utf-8') as f:
        match = re.search(r"project\(\s*'([^']+)'", f.read())
    return match.group(1) if match else None


def check_module(tap, manifest_path, manifest, project):
    modules = manifest.get('modules', [])
    module = modules[0] if len(modules) == 1 else {}
    tap.check('one module, vision-live-launcher, built with meson',
              len(modules) == 1
              and module.get('name') == 'vision-live-launcher'
              and module.get('buildsystem') == 'meson',
              json.dumps(modules, indent=2))

    sources = module.get('sources', [])
    source = sources[0] if len(sources) == 1 else {}
    source_dir = os.path.normpath(os.path.join(
        os.path.dirname(os.path.abspath(manifest_path)),
        source.get('path', '/nonexistent')))
    tap.check('its one source is this repository, as a directory',
              len(sources) == 1 and source.get('type') == 'dir'
              and project_name(source_dir) == project,
              f'{sources!r} -> {source_dir}')

    options = declared_options(source_dir)
    unknown = []
    for opt in module.get('config-opts', []):
        match = re.fullmatch(r'-D([A-Za-z0-9_.-]+)=.*', opt)
        if match is None or (match.group(1) not in MESON_BUILTINS
                             and match.group(1) not in options):
            unknown.append(opt)
    tap.check('config-opts only set options meson or the project knows',
              not unknown, f'unknown: {unknown}')
    tap.check('the tests are off (the SDK lacks what some of them need)',
              '-Dtests=false' in module.get('config-opts', []),
              module.get('config-opts'))


def check_flatpak_builder(tap, manifest_path, app_id):
    name = 'flatpak-builder --show-manifest reads it without a warning'
    builder = shutil.which('flatpak-builder')
    if builder is None:
        tap.skip(name, 'flatpak-builder is not installed')
        return

    # It creates its state directory in the current one, even for this.
    # Its own debug messages (the test runs may turn them all on) are not
    # warnings about the manifest.
    env = {k: v for k, v in os.environ.items() if k != 'G_MESSAGES_DEBUG'}
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            [builder, '--show-manifest', os.path.abspath(manifest_path)],
            cwd=scratch, capture_output=True, text=True, timeout=60,
            env=env)

    shown = None
    if result.returncode == 0:
        try:
            shown = json.loads(result.stdout)
        except ValueError:
            pass
    tap.check(name,
              result.returncode == 0 and not result.stderr.strip()
              and shown is not None and shown.get('id') == app_id,
              f'exit status {result.returncode}\n{result.stderr}')


def main(manifest_path, app_id, command, project):
    tap = Tap()

    with open(manifest_path, encoding='utf-8') as f:
        text = f.read()
    try:
        manifest = json.loads(text, object_pairs_hook=refuse_duplicates)
        error = ''
    except ValueError as e:
        manifest, error = None, e
    tap.check('the manifest is JSON with no duplicate keys',
              isinstance(manifest, dict), error)
    if not isinstance(manifest, dict):
        return tap.finish()

    expected_text = json.dumps(manifest, indent=4, ensure_ascii=False) + '\n'
    tap.check('it is laid out with 4-space indentation',
              text == expected_text,
              'reformat it with: python3 -m json.tool --indent 4 '
              '--no-ensure-ascii')

    tap.check('its keys are in the usual order',
              list(manifest) == KEY_ORDER,
              f'found: {list(manifest)}\nwanted: {KEY_ORDER}')
    tap.check('id is the application id', manifest.get('id') == app_id,
              manifest.get('id'))
    tap.check('runtime and sdk are the GNOME ones',
              manifest.get('runtime') == 'org.gnome.Platform'
              and manifest.get('sdk') == 'org.gnome.Sdk')
    tap.check('runtime-version is a GNOME release number',
              re.fullmatch(r'[0-9]+', str(manifest.get('runtime-version')))
              is not None,
              manifest.get('runtime-version'))
    tap.check('command is the executable', manifest.get('command') == command,
              manifest.get('command'))

    finish_args = manifest.get('finish-args', [])
    tap.check('finish-args are exactly network, IPC, Wayland, X11 fallback '
              'and DRI', finish_args == FINISH_ARGS,
              f'found: {finish_args}\nwanted: {FINISH_ARGS}')
    broad = [arg for arg in finish_args
             if arg.startswith(('--filesystem', '--talk-name', '--own-name',
                                '--system-talk-name', '--socket=session-bus',
                                '--socket=system-bus', '--device=all'))]
    tap.check('no file system, bus or D-Bus name access', not broad, broad)

    cleanup = manifest.get('cleanup', [])
    tap.check('cleanup drops headers, pkg-config files and static libraries',
              all(item in cleanup for item in CLEANED_UP), cleanup)

    check_module(tap, manifest_path, manifest, project)
    check_flatpak_builder(tap, manifest_path, app_id)

    return tap.finish()


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(f'usage: {sys.argv[0]} MANIFEST APPLICATION_ID COMMAND '
                 'PROJECT_NAME')
    sys.exit(main(*sys.argv[1:]))
