#!/usr/bin/env python3
# Checks that every string a dispatcher can see is marked for translation,
# and that po/POTFILES.in lists exactly the files that hold marked strings.
# Prints TAP.
#
#   .ui files: a property, menu attribute or list item with text must say
#     translatable="yes", or translatable="no" when it is not words (an
#     example id); a property that is never text (icon-name, action-name...)
#     must not be marked.
#   C under src/: string literals given to the calls below that show text
#     (labels, tooltips, toasts, dialogs, GError messages, what the command
#     line prints, option help) must be inside _(), N_(), C_(), NC_(),
#     ngettext() or g_dngettext().
#   po/POTFILES.in: every file with marked strings is listed, and every
#     listed file exists and has something to translate.
#
# Usage: check-translatable.py [--program NAME] SOURCE_ROOT
#        check-translatable.py --program NAME --self-test FIXTURE_ROOT
#
# The self-test runs the same checks on a small tree whose mistakes are
# annotated where they are ("expect: unmarked" on the line, "expect:
# unlisted" anywhere in a file, "# expect: stale" above a POTFILES.in line)
# and fails when a finding is missed or one is reported that is not there.
#
# SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import sys
from xml.parsers import expat

# Calls whose result is a translation, and that xgettext is told about
# (po/meson.build uses the glib preset; ngettext is one of its defaults).
MARKERS = {'_', 'N_', 'C_', 'NC_', 'ngettext', 'g_dngettext', 'g_dpgettext2'}

# Calls that build a string from their arguments: a literal inside them is
# as visible as the result.
PASS_THROUGH = {
    'g_strdup', 'g_strdup_printf', 'g_strconcat', 'g_strjoin',
    'g_markup_printf_escaped', 'g_markup_escape_text',
}

# Which arguments (counted from 0) are shown to the user. A string means
# "this one and every one after it" (formats and their arguments).
TEXT_ARGUMENTS = {
    # GTK
    'gtk_label_new': [0],
    'gtk_label_new_with_mnemonic': [0],
    'gtk_label_set_text': [1],
    'gtk_label_set_label': [1],
    'gtk_label_set_markup': [1],
    'gtk_label_set_text_with_mnemonic': [1],
    'gtk_label_set_markup_with_mnemonic': [1],
    'gtk_button_new_with_label': [0],
    'gtk_button_new_with_mnemonic': [0],
    'gtk_button_set_label': [1],
    'gtk_check_button_new_with_label': [0],
    'gtk_check_button_new_with_mnemonic': [0],
    'gtk_check_button_set_label': [1],
    'gtk_toggle_button_new_with_label': [0],
    'gtk_toggle_button_new_with_mnemonic': [0],
    'gtk_menu_button_set_label': [1],
    'gtk_widget_set_tooltip_text': [1],
    'gtk_widget_set_tooltip_markup': [1],
    'gtk_window_set_title': [1],
    'gtk_entry_set_placeholder_text': [1],
    'gtk_entry_set_icon_tooltip_text': [2],
    'gtk_entry_set_icon_tooltip_markup': [2],
    'gtk_text_set_placeholder_text': [1],
    'gtk_search_entry_set_placeholder_text': [1],
    'gtk_stack_add_titled': [3],
    'gtk_stack_page_set_title': [1],
    'gtk_string_list_append': [1],
    # libadwaita 1.2
    'adw_toast_new': [0],
    'adw_toast_new_format': '0',
    'adw_toast_set_title': [1],
    'adw_toast_set_button_label': [1],
    'adw_status_page_set_title': [1],
    'adw_status_page_set_description': [1],
    'adw_preferences_row_set_title': [1],
    'adw_preferences_group_set_title': [1],
    'adw_preferences_group_set_description': [1],
    'adw_preferences_page_set_title': [1],
    'adw_action_row_set_subtitle': [1],
    'adw_expander_row_set_subtitle': [1],
    'adw_window_title_new': [0, 1],
    'adw_window_title_set_title': [1],
    'adw_window_title_set_subtitle': [1],
    'adw_button_content_set_label': [1],
    'adw_split_button_set_label': [1],
    'adw_view_stack_add_titled': [3],
    'adw_message_dialog_new': [1, 2],
    'adw_message_dialog_set_heading': [1],
    'adw_message_dialog_set_body': [1],
    'adw_message_dialog_format_heading': '1',
    'adw_message_dialog_format_body': '1',
    'adw_message_dialog_add_response': [2],
    'adw_message_dialog_set_response_label': [2],
    # GIO: menus and notifications
    'g_menu_item_new': [0],
    'g_menu_item_set_label': [1],
    'g_menu_append': [1],
    'g_menu_prepend': [1],
    'g_menu_insert': [2],
    'g_menu_append_section': [1],
    'g_menu_append_submenu': [1],
    'g_notification_new': [0],
    'g_notification_set_title': [1],
    'g_notification_set_body': [1],
    'g_notification_add_button': [1],
    # GError messages end up in front of the dispatcher, whatever the
    # domain: the window shows them and the command line prints them.
    'g_set_error': '3',
    'g_set_error_literal': [3],
    'g_task_return_new_error': '3',
    'g_error_new': '2',
    'g_error_new_literal': [2],
    'g_prefix_error': '1',
    'g_propagate_prefixed_error': '2',
    # The command line
    'g_print': '0',
    'g_printerr': '0',
    'g_printf': '0',
    'g_fprintf': '1',
    'g_option_context_new': [0],
    'g_option_context_set_summary': [1],
    'g_option_context_set_description': [1],
    'g_option_group_new': [1, 2],
    'g_application_add_main_option': [5, 6],
    'g_application_set_option_context_parameter_string': [1],
    'g_application_set_option_context_summary': [1],
    'g_application_set_option_context_description': [1],
}

# This project's own helpers that pass an argument on to one of the calls
# above, by file for the static ones.
PROJECT_TEXT_ARGUMENTS = {
    None: {
        'vl_gui_show_toast': [1],
        'vl_window_refuse_link': [1],
    },
    'src/cli/vl-cli.c': {
        'print_field': [0],
        'usage_error': [1],
        'fail': [1],
    },
    'src/core/vl-call.c': {'bad_answer': [1]},
    'src/core/vl-history.c': {'set_error': [3], 'exec': [2], 'run': [2]},
    'src/core/vl-launch-uri.c': {'refuse': '1'},
    'src/core/vl-validate.c': {'invalid': '1'},
    'src/gui/vl-account-group.c': {'set_status': [2], 'operation_new': [1]},
    'src/gui/vl-call-view.c': {'add_row': [2], 'copy_text': [2]},
    'src/gui/vl-window.c': {
        'replace_form': [2],
        'offer_undo': [2],
        'set_request_error': [1],
        'set_lookup_error': [1],
    },
}

# Object properties that hold text, in .ui files and in g_object_new() and
# its kind.
TEXT_PROPERTIES = {
    'label', 'title', 'subtitle', 'description', 'text', 'markup',
    'tooltip-text', 'tooltip-markup', 'placeholder-text',
    'primary-icon-tooltip-text', 'secondary-icon-tooltip-text',
    'primary-icon-tooltip-markup', 'secondary-icon-tooltip-markup',
    'heading', 'body', 'button-label', 'message',
    'application-name', 'comments', 'copyright', 'developer-name',
    'translator-credits', 'website-label',
}

# Properties that are never words: marking them gives translators names
# they must not change.
NEVER_TEXT_PROPERTIES = {
    'icon-name', 'action-name', 'action-target', 'name', 'css-classes',
    'css-name', 'accelerator', 'input-purpose', 'input-hints', 'enum-type',
    'menu-model', 'default-widget', 'mnemonic-widget', 'section-name',
    'visible-child-name', 'accessible-role', 'action', 'target', 'icon',
    'application-icon', 'version', 'website', 'issue-url', 'support-url',
}

PROPERTY_CALLS = {
    'g_object_new': 1,
    'g_object_set': 1,
    'gtk_widget_new': 1,
    'adw_show_about_window': 1,
}

ACCESSIBLE_TEXT = {
    'GTK_ACCESSIBLE_PROPERTY_LABEL',
    'GTK_ACCESSIBLE_PROPERTY_DESCRIPTION',
    'GTK_ACCESSIBLE_PROPERTY_PLACEHOLDER',
    'GTK_ACCESSIBLE_PROPERTY_ROLE_DESCRIPTION',
    'GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT',
}

# Files under src/ whose strings are not for translation, and why.
NOT_TRANSLATED = {
    # Stands in for XOi's service, whose messages are in English and are
    # passed on word for word.
    'src/core/vl-demo-backend.c',
}

TRUE_WORDS = {'yes', 'true', '1'}
FALSE_WORDS = {'no', 'false', '0'}

C_TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>(?:u8|[LuU])?"(?:\\.|[^"\\\n])*")
  | (?P<char>'(?:\\.|[^'\\\n])*')
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<number>\.?[0-9][\w.]*)
  | (?P<space>\s+)
  | (?P<punct>\.\.\.|->|\S)
''', re.S | re.X)

PRINTF = re.compile(r'%[-+ #0\']*(\*|\d+)?(\.(\*|\d+))?'
                    r'(hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcspn%]')


class Token:
    def __init__(self, kind, text, line):
        self.kind = kind
        self.text = text
        self.line = line

    def is_punct(self, text):
        return self.kind == 'punct' and self.text == text


def tokenize(source):
    tokens = []
    line = 1
    for match in C_TOKEN.finditer(source):
        kind = match.lastgroup
        text = match.group()
        if kind not in ('comment', 'space'):
            tokens.append(Token(kind, text, line))
        line += text.count('\n')
    return merge_strings(tokens)


def merge_strings(tokens):
    """Joins adjacent literals, and the format macros between them
    ("%" G_GINT64_FORMAT), into one string token holding their text."""
    merged = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind != 'string':
            merged.append(token)
            i += 1
            continue
        parts = []
        j = i
        while j < len(tokens):
            if tokens[j].kind == 'string':
                parts.append(tokens[j].text[tokens[j].text.index('"') + 1:-1])
            elif (tokens[j].kind == 'ident' and tokens[j].text.isupper()
                  and j + 1 < len(tokens) and tokens[j + 1].kind == 'string'):
                parts.append('%s')
            else:
                break
            j += 1
        merged.append(Token('string', ''.join(parts), token.line))
        i = j
    return merged


def closing(tokens, start):
    """Index of the bracket closing the one at start."""
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i].kind == 'punct':
            if tokens[i].text in '([{':
                depth += 1
            elif tokens[i].text in ')]}':
                depth -= 1
                if depth == 0:
                    return i
    return len(tokens) - 1


def split_arguments(tokens, start, end):
    """The comma-separated parts between the brackets at start and end."""
    arguments = [[]]
    depth = 0
    for token in tokens[start + 1:end]:
        if token.kind == 'punct' and token.text in '([{':
            depth += 1
        elif token.kind == 'punct' and token.text in ')]}':
            depth -= 1
        if depth == 0 and token.is_punct(','):
            arguments.append([])
        else:
            arguments[-1].append(token)
    if arguments == [[]]:
        return []
    return arguments


def is_call(tokens, i):
    return (tokens[i].kind == 'ident' and i + 1 < len(tokens)
            and tokens[i + 1].is_punct('('))


class Checker:
    def __init__(self, root, program):
        self.root = root
        self.program = program
        self.findings = []

    def report(self, path, line, kind, message):
        self.findings.append((path, line, kind, message))

    def is_text(self, text):
        """Whether a literal holds words, once formats, escapes, command
        line options and the program's name are taken out."""
        text = re.sub(r'\\.', ' ', text)
        text = PRINTF.sub(' ', text)
        text = re.sub(r'(?<![\w-])--?[a-z][a-z0-9-]*', ' ', text)
        text = text.replace(self.program, ' ')
        return re.search(r'[^\W\d_]{2,}', text) is not None

    # C

    def unmarked(self, tokens):
        """Literals with words in an expression, outside any marker and
        outside calls that do not pass their text on."""
        found = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if is_call(tokens, i):
                end = closing(tokens, i + 1)
                if (token.text not in MARKERS
                        and token.text in PASS_THROUGH):
                    found += self.unmarked(tokens[i + 2:end])
                i = end + 1
                continue
            if token.kind == 'string' and self.is_text(token.text):
                found.append(token)
            i += 1
        return found

    def check_arguments(self, path, where, arguments, which):
        if isinstance(which, str):
            which = range(int(which), len(arguments))
        for index in which:
            if index >= len(arguments):
                continue
            for token in self.unmarked(arguments[index]):
                self.report(path, token.line, 'unmarked',
                            f'{where}: "{token.text}" is not marked for '
                            f'translation')

    def check_property_pairs(self, path, name, arguments, first):
        for index in range(first, len(arguments) - 1, 2):
            key = arguments[index]
            if (len(key) == 1 and key[0].kind == 'string'
                    and key[0].text in TEXT_PROPERTIES):
                self.check_arguments(path, f'{name}() "{key[0].text}"',
                                     arguments, [index + 1])

    def check_accessible(self, path, name, arguments):
        for index, argument in enumerate(arguments[:-1]):
            if (len(argument) == 1
                    and argument[0].text in ACCESSIBLE_TEXT):
                self.check_arguments(path, f'{name}() {argument[0].text}',
                                     arguments, [index + 1])

    def check_option_entries(self, path, tokens, start):
        """GOptionEntry name[] = { { "long", 's', flags, arg, data,
        description, arg_description }, ... } or with .field = ..."""
        i = start
        while i < len(tokens) and not tokens[i].is_punct('='):
            i += 1
        if i + 1 >= len(tokens) or not tokens[i + 1].is_punct('{'):
            return
        end = closing(tokens, i + 1)
        for entry in split_arguments(tokens, i + 1, end):
            if not entry or not entry[0].is_punct('{'):
                continue
            fields = split_arguments(entry, 0, len(entry) - 1)
            for position, field in enumerate(fields):
                if (len(field) >= 3 and field[0].is_punct('.')
                        and field[2].is_punct('=')):
                    wanted = field[1].text in ('description',
                                               'arg_description')
                    value = field[3:]
                else:
                    wanted = position in (5, 6)
                    value = field
                if wanted:
                    for token in self.unmarked(value):
                        self.report(path, token.line, 'unmarked',
                                    f'GOptionEntry: "{token.text}" is not '
                                    f'marked for translation')

    def check_c(self, path, source):
        tokens = tokenize(source)
        rules = dict(TEXT_ARGUMENTS)
        rules.update(PROJECT_TEXT_ARGUMENTS[None])
        rules.update(PROJECT_TEXT_ARGUMENTS.get(path, {}))
        for i, token in enumerate(tokens):
            if (token.text == 'GOptionEntry' and i + 1 < len(tokens)
                    and tokens[i + 1].kind == 'ident'):
                self.check_option_entries(path, tokens, i + 1)
            if not is_call(tokens, i):
                continue
            name = token.text
            if name not in rules and name not in PROPERTY_CALLS \
                    and name != 'gtk_accessible_update_property':
                continue
            end = closing(tokens, i + 1)
            arguments = split_arguments(tokens, i + 1, end)
            if name in rules:
                self.check_arguments(path, f'{name}()', arguments,
                                     rules[name])
            if name in PROPERTY_CALLS:
                self.check_property_pairs(path, name, arguments,
                                          PROPERTY_CALLS[name])
            if name == 'gtk_accessible_update_property':
                self.check_accessible(path, name, arguments)

    # GtkBuilder

    def check_ui(self, path, source):
        parser = expat.ParserCreate()
        stack = []

        def start(tag, attributes):
            stack.append((tag, attributes, parser.CurrentLineNumber, []))

        def characters(data):
            if stack:
                stack[-1][3].append(data)

        def end(tag):
            tag, attributes, line, parts = stack.pop()
            text = ''.join(parts).strip()
            name = attributes.get('name')
            translatable = attributes.get('translatable', '').lower()
            if tag == 'property':
                wants_text = name in TEXT_PROPERTIES
            elif tag == 'attribute':
                wants_text = name == 'label'
            else:
                # GtkStringList <items>, GtkComboBoxText <items>
                wants_text = (tag == 'item' and stack
                              and stack[-1][0] == 'items')
            if (wants_text and self.is_text(text)
                    and translatable not in TRUE_WORDS | FALSE_WORDS):
                self.report(path, line, 'unmarked',
                            f'<{tag} name="{name}">{text}</{tag}> has no '
                            f'translatable="yes" (or "no" when it is not '
                            f'words)')
            if (tag in ('property', 'attribute')
                    and name in NEVER_TEXT_PROPERTIES
                    and translatable in TRUE_WORDS):
                self.report(path, line, 'unmarked',
                            f'<{tag} name="{name}"> is never text but is '
                            f'marked translatable')

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = characters
        parser.Parse(source, True)

    # POTFILES.in

    def has_marked_strings(self, path, source):
        if path.endswith(('.c', '.h')):
            tokens = tokenize(source)
            return any(is_call(tokens, i) and tokens[i].text in MARKERS
                       for i in range(len(tokens)))
        if path.endswith('.ui'):
            return re.search(r'translatable\s*=\s*"(yes|true|1)"',
                             source) is not None
        if path.endswith('.desktop.in'):
            return re.search(r'^(Name|GenericName|Comment|Keywords)=',
                             source, re.M) is not None
        if path.endswith(('.metainfo.xml.in', '.appdata.xml.in')):
            return re.search(r'<(name|summary|description)\b',
                             source) is not None
        if path.endswith('.gschema.xml'):
            return (re.search(r'gettext-domain=', source) is not None
                    and re.search(r'<(summary|description)\b',
                                  source) is not None)
        return False

    def check_potfiles(self, sources):
        potfiles = os.path.join('po', 'POTFILES.in')
        listed = {}
        with open(os.path.join(self.root, potfiles), encoding='utf-8') as f:
            for number, line in enumerate(f, start=1):
                entry = line.strip()
                if not entry or entry.startswith('#'):
                    continue
                if entry in listed:
                    self.report(potfiles, number, 'stale',
                                f'{entry} is listed twice')
                    continue
                listed[entry] = number
                if entry not in sources:
                    self.report(potfiles, number, 'stale',
                                f'{entry} does not exist')
                elif not self.has_marked_strings(entry, sources[entry]):
                    self.report(potfiles, number, 'stale',
                                f'{entry} has nothing to translate')
        for path, source in sorted(sources.items()):
            if path not in listed and self.has_marked_strings(path, source):
                self.report(path, 0, 'unlisted',
                            f'{path} has marked strings but is not in '
                            f'{potfiles}')

    def run(self):
        sources = {}
        for folder in ('src', 'data'):
            top = os.path.join(self.root, folder)
            for directory, _dirs, files in os.walk(top):
                for name in files:
                    full = os.path.join(directory, name)
                    path = os.path.relpath(full, self.root)
                    if not path.endswith(('.c', '.h', '.ui', '.desktop.in',
                                          '.metainfo.xml.in',
                                          '.appdata.xml.in',
                                          '.gschema.xml')):
                        continue
                    with open(full, encoding='utf-8') as f:
                        sources[path] = f.read()
        for path, source in sorted(sources.items()):
            if path.endswith('.c') and path not in NOT_TRANSLATED:
                self.check_c(path, source)
            elif path.endswith('.ui'):
                self.check_ui(path, source)
        self.check_potfiles(sources)
        return sources


def expected_findings(root, sources):
    """What the annotations in a fixture tree say should be found."""
    expected = set()
    for path, source in sources.items():
        for number, line in enumerate(source.splitlines(), start=1):
            if 'expect: unmarked' in line:
                expected.add((path, number, 'unmarked'))
            if 'expect: unlisted' in line:
                expected.add((path, 0, 'unlisted'))
    potfiles = os.path.join('po', 'POTFILES.in')
    with open(os.path.join(root, potfiles), encoding='utf-8') as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip() == '# expect: stale':
            expected.add((potfiles, number + 1, 'stale'))
    return expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--program', default='vision-live')
    parser.add_argument('--self-test', action='store_true')
    parser.add_argument('root')
    options = parser.parse_args()

    checker = Checker(options.root, options.program)
    sources = checker.run()
    results = []

    if options.self_test:
        expected = expected_findings(options.root, sources)
        found = {(path, line, kind): message
                 for path, line, kind, message in checker.findings}
        for key in sorted(expected):
            path, line, kind = key
            results.append((key in found,
                            f'{kind} found at {path}:{line}'))
        for key, message in sorted(found.items()):
            if key not in expected:
                path, line, kind = key
                results.append((False, f'unexpected finding at {path}:'
                                       f'{line}: {message}'))
        if not expected:
            results.append((False, 'the fixture annotates no mistakes'))
    else:
        for path, line, kind, message in sorted(checker.findings):
            results.append((False, f'{path}:{line}: {message}'))
        results.append((True, f'{len(sources)} source files checked'))

    print(f'1..{len(results)}')
    for number, (passed, description) in enumerate(results, start=1):
        print(f'{"ok" if passed else "not ok"} {number} - {description}')

    return 0 if all(passed for passed, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
