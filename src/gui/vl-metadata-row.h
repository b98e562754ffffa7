/* vl-metadata-row.h
 *
 * SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VL_TYPE_METADATA_ROW (vl_metadata_row_get_type ())

G_DECLARE_FINAL_TYPE (VlMetadataRow, vl_metadata_row,
                      VL, METADATA_ROW, AdwPreferencesRow)

/* One metadata field: a key and a text value. Emits "changed" when either
 * changes and "remove" when the dispatcher asks to remove it. The editor
 * that holds it decides what is wrong and says so with
 * vl_metadata_row_set_problem().
 */
GtkWidget  *vl_metadata_row_new          (void);

const char *vl_metadata_row_get_key      (VlMetadataRow *self);
void        vl_metadata_row_set_key      (VlMetadataRow *self,
                                          const char    *key);
const char *vl_metadata_row_get_value    (VlMetadataRow *self);
void        vl_metadata_row_set_value    (VlMetadataRow *self,
                                          const char    *value);
gboolean    vl_metadata_row_is_blank     (VlMetadataRow *self);

const char *vl_metadata_row_get_problem  (VlMetadataRow *self);
void        vl_metadata_row_set_problem  (VlMetadataRow *self,
                                          const char    *problem);

void        vl_metadata_row_focus_key    (VlMetadataRow *self);

G_END_DECLS
