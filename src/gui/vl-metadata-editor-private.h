/* vl-metadata-editor-private.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vl-metadata-editor.h"

G_BEGIN_DECLS

/* The Raw JSON switch, for tests that flip it as a person does. */
GtkSwitch *vl_metadata_editor_get_raw_switch (VlMetadataEditor *self);

G_END_DECLS
