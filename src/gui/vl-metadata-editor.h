/* vl-metadata-editor.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vl-metadata-row.h"

G_BEGIN_DECLS

#define VL_TYPE_METADATA_EDITOR (vl_metadata_editor_get_type ())

G_DECLARE_FINAL_TYPE (VlMetadataEditor, vl_metadata_editor,
                      VL, METADATA_EDITOR, AdwBin)

/* The call's metadata, edited either as key/value fields (each value is
 * sent as a JSON string) or as raw JSON (sent as the object typed, with
 * any value types). Switching between the two converts the content and
 * refuses, saying why, when that would lose or change something.
 * Emits "changed" after every edit.
 */
GtkWidget     *vl_metadata_editor_new               (void);

VlMetadataRow *vl_metadata_editor_add_field         (VlMetadataEditor  *self,
                                                     const char        *key,
                                                     const char        *value);
guint          vl_metadata_editor_get_n_fields      (VlMetadataEditor  *self);
VlMetadataRow *vl_metadata_editor_get_field         (VlMetadataEditor  *self,
                                                     guint              position);

gboolean       vl_metadata_editor_get_raw           (VlMetadataEditor  *self);
gboolean       vl_metadata_editor_set_raw           (VlMetadataEditor  *self,
                                                     gboolean           raw,
                                                     GError           **error);
char          *vl_metadata_editor_dup_json_text     (VlMetadataEditor  *self);
void           vl_metadata_editor_set_json_text     (VlMetadataEditor  *self,
                                                     const char        *text);

/* What keeps the metadata from being sent, or %NULL. */
const char    *vl_metadata_editor_get_problem       (VlMetadataEditor  *self);

/* The message shown under the editor, or %NULL when none is shown. */
const char    *vl_metadata_editor_get_message       (VlMetadataEditor  *self);

/* The metadata as compact JSON, ready for callMetadataJSON, or %NULL
 * when there is none (or while vl_metadata_editor_get_problem() says
 * something).
 */
char          *vl_metadata_editor_dup_metadata_json (VlMetadataEditor  *self);

void           vl_metadata_editor_clear             (VlMetadataEditor  *self);

G_END_DECLS
