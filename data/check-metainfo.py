#!/usr/bin/env python3
# Checks that a merged metainfo file carries every tag a software centre
# needs. Debian 12's appstreamcli does not know some of them (<developer>),
# so it cannot be the only gate. Prints TAP, one test per requirement.
#
# Usage: check-metainfo.py METAINFO APPLICATION_ID GETTEXT_PACKAGE
#
# SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def untranslated(root, path):
    """The elements at path that are not translations (no xml:lang)."""
    return [e for e in root.findall(path) if XML_LANG not in e.attrib]


def text(root, path):
    elements = untranslated(root, path)
    if not elements or elements[0].text is None:
        return ''
    return elements[0].text.strip()


def main(path, app_id, gettext_package):
    root = ET.parse(path).getroot()
    summary = text(root, 'summary')
    name = text(root, 'name')

    checks = [
        ('component is a desktop-application',
         root.tag == 'component'
         and root.get('type') == 'desktop-application'),
        ('id is the application id', text(root, 'id') == app_id),
        ('metadata_license is CC0-1.0',
         text(root, 'metadata_license') == 'CC0-1.0'),
        ('project_license is set', text(root, 'project_license') != ''),
        ('name is set, with no trailing full stop',
         name != '' and not name.endswith('.')),
        ('summary has 10 to 35 characters, with no trailing full stop',
         10 <= len(summary) <= 35 and not summary.endswith('.')),
        ('description has paragraphs',
         len(untranslated(root, 'description/p')) >= 2),
        ('description has a list',
         len(untranslated(root, 'description/ul/li')) >= 1),
        ('developer has an id and a name',
         any(d.get('id') for d in root.findall('developer'))
         and text(root, 'developer/name') != ''),
        ('launchable is the desktop file',
         text(root, "launchable[@type='desktop-id']") == app_id + '.desktop'),
        ('content_rating is oars-1.1',
         root.find("content_rating[@type='oars-1.1']") is not None),
        ('every release has a version and a date',
         len(root.findall('releases/release')) >= 1
         and all(r.get('version') and r.get('date')
                 for r in root.findall('releases/release'))),
        ('url homepage', text(root, "url[@type='homepage']") != ''),
        ('url bugtracker', text(root, "url[@type='bugtracker']") != ''),
        ('url vcs-browser', text(root, "url[@type='vcs-browser']") != ''),
        ('branding has a light colour',
         text(root, "branding/color[@scheme_preference='light']") != ''),
        ('branding has a dark colour',
         text(root, "branding/color[@scheme_preference='dark']") != ''),
        ('every screenshot has an image and a caption',
         len(root.findall('screenshots/screenshot')) >= 1
         and all(s.find('image') is not None and s.find('caption') is not None
                 for s in root.findall('screenshots/screenshot'))),
        ('requires a display length',
         root.find('requires/display_length') is not None),
        ('supports some controls',
         root.find('supports/control') is not None),
        ('translation is the gettext domain',
         text(root, "translation[@type='gettext']") == gettext_package),
    ]

    print('1..%d' % len(checks))
    failed = 0
    for number, (description, passed) in enumerate(checks, 1):
        if not passed:
            failed += 1
        print('%s %d - %s' % ('ok' if passed else 'not ok', number, description))

    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit('usage: %s METAINFO APPLICATION_ID GETTEXT_PACKAGE'
                 % sys.argv[0])
    sys.exit(main(*sys.argv[1:]))
