#!/usr/bin/env python3
# Checks every translation listed in po/LINGUAS: msgfmt --check accepts it
# (formats, accelerators, header), nothing in it is fuzzy or untranslated,
# what msgfmt does not look at is kept (the ";" that ends a desktop file's
# list, a trailing space), and it has a translation for every string the
# sources hold today, so that a new or changed string reminds whoever added
# it to update the translations. Prints TAP.
#
# Usage: check-translations.py SOURCE_ROOT GETTEXT_PACKAGE
#
# SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
# SPDX-License-Identifier: GPL-3.0-or-later

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The markers po/meson.build's glib preset tells xgettext about; only the
# message ids matter here, so the format flags are left out.
KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dngettext:2,3',
            'g_dpgettext2:2c,3']

STATISTICS = re.compile(r'(\d+) (translated|fuzzy|untranslated)')


def languages(po_dir):
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        words = []
        for line in f:
            words += line.split('#', 1)[0].split()
        return words


def statistics(po_file):
    """msgfmt's verdict and its counts of translated, fuzzy and
    untranslated messages."""
    result = subprocess.run(
        ['msgfmt', '--check', '--check-accelerators=_', '--statistics',
         '--output-file', os.devnull, po_file],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE=''))
    counts = {'translated': 0, 'fuzzy': 0, 'untranslated': 0}
    for number, kind in STATISTICS.findall(result.stdout.splitlines()[-1]
                                           if result.stdout else ''):
        counts[kind] = int(number)
    return result.returncode, result.stdout.strip(), counts


def messages(po_file):
    """(msgid, msgstr) of every translated entry, obsolete ones left out."""
    entries = []
    current = {}
    field = None
    with open(po_file, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(\[0-9]+\])?)'
                             r'\s+(".*")$', line)
            if match:
                field = match.group(1)
                if field in ('msgctxt', 'msgid') and 'msgstr' in current:
                    entries.append(current)
                    current = {}
                current[field.split('[')[0]] = ast.literal_eval(match.group(3))
            elif line.startswith('"') and field is not None:
                key = field.split('[')[0]
                current[key] += ast.literal_eval(line)
            else:
                field = None
    if 'msgstr' in current:
        entries.append(current)
    return [(e['msgid'], e['msgstr']) for e in entries
            if e.get('msgid') and e['msgstr']]


def kept_endings(po_file):
    """The messages whose translation drops the ";" ending a desktop
    file's list, or the space or newline that ends the original."""
    wrong = []
    for msgid, msgstr in messages(po_file):
        for ending in (';', ' ', '\n'):
            if msgid.endswith(ending) != msgstr.endswith(ending):
                wrong.append(msgid)
                break
    return wrong


def make_template(root, folder):
    template = os.path.join(folder, 'template.pot')
    subprocess.run(
        ['xgettext', '--files-from', os.path.join(root, 'po', 'POTFILES.in'),
         '--directory', root, '--from-code=UTF-8', '--add-comments',
         '--output', template]
        + ['--keyword=' + keyword for keyword in KEYWORDS],
        check=True)
    return template


def main(root, package):
    po_dir = os.path.join(root, 'po')
    results = []
    wanted = languages(po_dir)
    if not wanted:
        results.append((False, 'po/LINGUAS lists at least one language'))

    folder = tempfile.mkdtemp(prefix='check-translations-')
    try:
        template = make_template(root, folder)
        for language in wanted:
            po_file = os.path.join(po_dir, language + '.po')
            if not os.path.exists(po_file):
                results.append((False, f'{language}.po exists'))
                continue

            status, output, counts = statistics(po_file)
            results.append((status == 0,
                            f'{language}.po passes msgfmt --check'
                            + ('' if status == 0 else '\n' + output)))
            results.append((counts['translated'] > 0
                            and counts['fuzzy'] == 0
                            and counts['untranslated'] == 0,
                            f'{language}.po: {counts["translated"]} '
                            f'translated, {counts["fuzzy"]} fuzzy, '
                            f'{counts["untranslated"]} untranslated'))

            wrong = kept_endings(po_file)
            results.append((not wrong,
                            f'{language}.po keeps the ending ";", space and '
                            f'newline of every message'
                            + ''.join(f'\nnot kept: {msgid!r}'
                                      for msgid in wrong)))

            # What the file would be once merged with today's strings.
            merged = os.path.join(folder, language + '.po')
            subprocess.run(['msgmerge', '--quiet', '--output-file', merged,
                            po_file, template], check=True)
            _status, _output, counts = statistics(merged)
            covered = counts['fuzzy'] == 0 and counts['untranslated'] == 0
            results.append((covered,
                            f'{language}.po covers every string in the '
                            f'sources ({counts["fuzzy"]} changed, '
                            f'{counts["untranslated"]} new)'
                            + ('' if covered else
                               f'\nrun "ninja {package}-update-po" in the '
                               f'build folder, then translate them')))
    finally:
        shutil.rmtree(folder)

    print(f'1..{len(results)}')
    for number, (passed, description) in enumerate(results, start=1):
        # Details go on comment lines below the result.
        first, *details = description.split('\n')
        print(f'{"ok" if passed else "not ok"} {number} - {first}')
        for line in details:
            print(f'# {line}')

    return 0 if all(passed for passed, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
